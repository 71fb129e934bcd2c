package io.lrsched.bench;

import io.lrsched.model.FlopCount;
import java.util.Locale;

/**
 * Throughput and cost of one network configuration, measured in one process.
 *
 * @param options what was measured
 * @param nativeConfig the one-line native configuration in use
 * @param flops the network's per-image cost
 * @param trainStepMs mean wall time of one {@code fit} step
 * @param forwardMs mean wall time of a training-mode forward pass ({@code output(true, x)})
 * @param updateMs mean wall time of the updater alone (L2 + classical momentum over all parameters)
 * @param inferenceMs mean wall time of an inference forward pass ({@code output(false, x)})
 * @param dataMs time to produce the batch (synthetic data: creating the random arrays once)
 * @param trainStepCpuMs mean process CPU time of one {@code fit} step (all threads; includes OpenMP spinning)
 * @param loadAverage the higher 1-minute load average seen before and after timing (other processes share the
 *     cores when it exceeds the thread count)
 * @param helpers which layers run on a DL4J helper, e.g. "conv 85/85, bn 84/84, pool 1/1"
 * @param peakRssBytes the process's peak resident set size (VmHWM: heap plus off-heap)
 */
public record BenchResult(
    BenchOptions options,
    String nativeConfig,
    FlopCount flops,
    double trainStepMs,
    double forwardMs,
    double updateMs,
    double inferenceMs,
    double dataMs,
    double trainStepCpuMs,
    double loadAverage,
    String helpers,
    long peakRssBytes) {

  /** @return training images per second */
  public double trainImagesPerSecond() {
    return options.batchSize() * 1000.0 / trainStepMs;
  }

  /** @return inference images per second */
  public double inferenceImagesPerSecond() {
    return options.batchSize() * 1000.0 / inferenceMs;
  }

  /** @return achieved GFLOP/s while training (3 forward passes' worth per image) */
  public double trainGflops() {
    return trainImagesPerSecond() * flops.trainingFlopsPerImage() / 1e9;
  }

  /** @return achieved GFLOP/s in inference */
  public double inferenceGflops() {
    return inferenceImagesPerSecond() * flops.forwardFlopsPerImage() / 1e9;
  }

  /** @return a multi-line human-readable report */
  @Override
  public String toString() {
    double peak = options.peakGflops();
    double backward = trainStepMs - forwardMs - updateMs;
    StringBuilder b = new StringBuilder();
    b.append(nativeConfig).append('\n');
    b.append(String.format(Locale.ROOT, "model: stages=%s filters=%s format=%s batch=%d; %s%n",
        java.util.Arrays.toString(options.spec().stages()), java.util.Arrays.toString(options.spec().filters()),
        options.spec().dataFormat(), options.batchSize(), flops));
    b.append(String.format(Locale.ROOT, "helpers: %s; workspaces: %s; warm-up %d, measured %d steps%n",
        helpers, options.workspaceMode(), options.warmupSteps(), options.measuredSteps()));
    b.append(String.format(Locale.ROOT, "train:     %8.1f images/s  %7.1f GFLOP/s%s  (step %.0f ms, CPU %.0f ms)%n",
        trainImagesPerSecond(), trainGflops(), share(trainGflops(), peak), trainStepMs, trainStepCpuMs));
    b.append(String.format(Locale.ROOT, "inference: %8.1f images/s  %7.1f GFLOP/s%s  (batch %.0f ms)%n",
        inferenceImagesPerSecond(), inferenceGflops(), share(inferenceGflops(), peak), inferenceMs));
    b.append(String.format(Locale.ROOT,
        "step split: forward %.0f ms (%.0f%%), backward+rest %.0f ms (%.0f%%), update %.0f ms (%.0f%%), data %.1f ms%n",
        forwardMs, 100 * forwardMs / trainStepMs, backward, 100 * backward / trainStepMs, updateMs,
        100 * updateMs / trainStepMs, dataMs));
    b.append(String.format(Locale.ROOT, "peak RSS: %.0f MiB (heap max %.0f MiB); load average %.1f on %d CPUs",
        peakRssBytes / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0, loadAverage,
        Runtime.getRuntime().availableProcessors()));
    return b.toString();
  }

  private static String share(double gflops, double peak) {
    return Double.isNaN(peak) ? "" : String.format(Locale.ROOT, " (%4.1f%% of %.0f)", 100 * gflops / peak, peak);
  }
}
