package io.lrsched.bench;

import io.lrsched.model.FlopCount;
import io.lrsched.model.ResNet;
import io.lrsched.model.ResNetSpec;
import io.lrsched.nativeops.HelperUsage;
import io.lrsched.nativeops.NativeConfig;
import io.lrsched.nativeops.NativeSetup;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures training and inference throughput of a {@link ResNetSpec} in this process, on synthetic data.
 *
 * <p>Phases are timed separately, each averaged over {@code measuredSteps} repetitions after warm-up: a full
 * {@code fit} step; a training-mode forward pass ({@code output(true, x)}); the updater alone (momentum + L2 on the
 * last gradient); an inference forward pass. Backward is the rest of the step, so the split is approximate (the
 * separately timed forward pass has its own workspace and bookkeeping costs).
 */
public final class ModelBenchmark {

  private ModelBenchmark() {}

  /**
   * Runs the benchmark, in the native configuration the entry point installed ({@link NativeSetup#configure()}).
   *
   * @param options what to measure
   * @return the measurements
   */
  public static BenchResult run(BenchOptions options) {
    NativeConfig nativeConfig = NativeSetup.current();
    if (nativeConfig == null) {
      throw new IllegalStateException("NativeSetup.configure() must run before the benchmark loads ND4J");
    }
    ResNetSpec spec = options.spec();
    ComputationGraph graph = new ComputationGraph(ResNet.configuration(spec, options.workspaceMode()));
    graph.init();

    Nd4j.getRandom().setSeed(spec.seed());
    long t0 = System.nanoTime();
    DataSet batch = syntheticBatch(spec, options.batchSize());
    double dataMs = (System.nanoTime() - t0) / 1e6;
    INDArray x = batch.getFeatures();

    for (int i = 0; i < options.warmupSteps(); i++) {
      graph.fit(batch);
    }
    int n = options.measuredSteps();
    double loadBefore = loadAverage();
    long cpu0 = processCpuNanos();
    double stepMs = timeMs(n, () -> {
      graph.fit(batch);
      return null;
    });
    double stepCpuMs = (processCpuNanos() - cpu0) / 1e6 / n;
    double fwdMs = timeMs(n, () -> graph.output(true, x));
    // The updater alone, on the gradient of the last step (it changes the momentum state, harmless here).
    ComputationGraphUpdater updater = graph.getUpdater();
    double updateMs = timeMs(n, () -> {
      updater.update(graph.gradient(), graph.getIterationCount(), graph.getEpochCount(), options.batchSize(),
          LayerWorkspaceMgr.noWorkspaces());
      return null;
    });
    graph.output(false, x); // warm the inference path once
    double inferMs = timeMs(n, () -> graph.output(false, x));
    double loadAfter = loadAverage();

    return new BenchResult(options, nativeConfig.toString(), FlopCount.of(spec), stepMs, fwdMs, updateMs, inferMs,
        dataMs, stepCpuMs, Math.max(loadBefore, loadAfter), HelperUsage.of(graph).toString(), peakRssBytes());
  }

  /**
   * A random batch in the spec's layout: pixels uniform in [0, 1), one-hot labels.
   *
   * @param spec the network the batch is for
   * @param batchSize number of images
   * @return the batch
   */
  public static DataSet syntheticBatch(ResNetSpec spec, int batchSize) {
    long[] shape = spec.dataFormat() == CNN2DFormat.NCHW
        ? new long[] {batchSize, spec.channels(), spec.height(), spec.width()}
        : new long[] {batchSize, spec.height(), spec.width(), spec.channels()};
    INDArray x = Nd4j.rand(DataType.FLOAT, shape);
    INDArray y = Nd4j.zeros(DataType.FLOAT, batchSize, spec.classes());
    for (int i = 0; i < batchSize; i++) {
      y.putScalar(i, Nd4j.getRandom().nextInt(spec.classes()), 1.0);
    }
    return new DataSet(x, y);
  }

  private static double timeMs(int repetitions, Supplier<?> work) {
    long start = System.nanoTime();
    for (int i = 0; i < repetitions; i++) {
      work.get();
    }
    return (System.nanoTime() - start) / 1e6 / repetitions;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** @return VmHWM of this process in bytes, or -1 where /proc is unavailable */
  static long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
