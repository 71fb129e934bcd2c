package io.lrsched.nativeops;

import io.lrsched.model.ResNet;
import io.lrsched.model.ResNetSpec;
import io.lrsched.model.TutorialSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Child-JVM program of {@link NativeEquivalenceIT}: trains a tiny ResNet for a few steps under whatever native
 * configuration {@link NativeSetup} installs, and writes what it saw to a file.
 *
 * <p>Everything random comes from {@link java.util.Random}, never from ND4J's native generator, so both native builds
 * start from bit-identical weights and data: convolution and dense weights are overwritten with Glorot-scaled
 * uniform values; BatchNorm parameters keep their constant initial values.
 *
 * <p>Output lines: {@code config <NativeConfig>}, {@code helpers <summary>}, {@code loss <step> <value>} per step,
 * {@code first <float>} and {@code last <float>} per parameter: the change after the first and after the last step
 * (BN running statistics included). With {@code --perturb}, the same for a second run whose learning rate is 2%
 * higher, prefixed with {@code p}.
 */
public final class TrainingProbe {

  static final int STEPS = 3;
  static final int BATCH = 16;
  /** System property naming the activation layout (NCHW or NHWC) of the probe's network. */
  static final String FORMAT_PROPERTY = "probe.format";

  private TrainingProbe() {}

  /**
   * @param args output file, then optionally {@code --perturb}
   * @throws IOException if the output cannot be written
   */
  public static void main(String[] args) throws IOException {
    NativeConfig config = NativeSetup.configure();
    List<String> out = new ArrayList<>();
    out.add("config " + config);
    CNN2DFormat format = CNN2DFormat.valueOf(System.getProperty(FORMAT_PROPERTY, "NCHW"));
    ResNetSpec spec = TutorialSpec.of(format, 5)
        .withArchitecture(new int[] {1, 1, 1}, new int[] {16, 16, 32, 64});
    DataSet data = data(spec);
    ComputationGraph graph = train(spec, data, 1.0, "", out);
    out.add("helpers " + HelperUsage.of(graph));
    if (args.length > 1 && args[1].equals("--perturb")) {
      train(spec, data, 1.05, "p", out);
    }
    Files.write(Path.of(args[0]), out);
  }

  private static ComputationGraph train(ResNetSpec spec, DataSet data, double lrFactor, String prefix,
      List<String> out) {
    ComputationGraph graph = ResNet.init(spec);
    overwriteWeights(graph, new Random(99));
    io.lrsched.model.LearningRateControl.set(graph, spec.learningRate() * lrFactor);
    INDArray initial = graph.params().dup();
    for (int step = 0; step < STEPS; step++) {
      graph.fit(data);
      out.add(prefix + "loss " + step + " " + graph.score());
      if (step == 0 || step == STEPS - 1) {
        // What training changed, parameter by parameter, in the flattened order (same in both builds).
        String key = prefix + (step == 0 ? "first " : "last ");
        for (float d : graph.params().sub(initial).toFloatVector()) {
          out.add(key + d);
        }
      }
    }
    return graph;
  }

  private static void overwriteWeights(ComputationGraph graph, Random random) {
    for (Layer layer : graph.getLayers()) {
      for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
        if (!e.getKey().equals("W")) {
          continue; // BN gamma/beta/mean/std and the dense bias keep their constant initial values
        }
        INDArray w = e.getValue();
        long[] shape = w.shape();
        long fanIn = shape.length == 4 ? shape[1] * shape[2] * shape[3] : shape[0];
        long fanOut = shape.length == 4 ? shape[0] * shape[2] * shape[3] : shape[1];
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] values = new float[(int) w.length()];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
        w.assign(Nd4j.create(values, shape, w.ordering()).castTo(w.dataType()));
      }
    }
  }

  private static DataSet data(ResNetSpec spec) {
    Random random = new Random(7);
    float[] pixels = new float[BATCH * spec.channels() * spec.height() * spec.width()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat();
    }
    INDArray x = Nd4j.create(pixels, new long[] {BATCH, spec.channels(), spec.height(), spec.width()}, 'c');
    if (spec.dataFormat() == CNN2DFormat.NHWC) {
      x = x.permute(0, 2, 3, 1).dup('c'); // the same images in the network's layout
    }
    INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, spec.classes());
    for (int i = 0; i < BATCH; i++) {
      y.putScalar(i, random.nextInt(spec.classes()), 1.0);
    }
    return new DataSet(x, y);
  }
}
