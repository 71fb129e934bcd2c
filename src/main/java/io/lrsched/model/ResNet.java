package io.lrsched.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Builds the tutorial's pre-activation bottleneck ResNet ("Deep Learning for Computer Vision with Python") as a DL4J
 * {@link ComputationGraphConfiguration}.
 *
 * <p>Layout: input &rarr; BN &rarr; conv3x3(filters[0], no bias); for each stage i, {@code stages[i]} residual modules
 * with K = filters[i+1] (the first reduces: stride 1 in stage 1, 2 afterwards); head BN+ReLU &rarr; average pool
 * over the whole remaining feature map (global average pooling: the tutorial's {@code AveragePooling2D((8, 8))} at
 * 32x32 inputs, where two stride-2 stages leave 8x8; other input sizes leave other maps) &rarr; dense(classes, bias)
 * &rarr; softmax with multi-class cross-entropy. A residual module is
 * {@code a1 = ReLU(BN(x)); c1 = conv1x1(a1, K/4); a2 = ReLU(BN(c1)); c2 = conv3x3(a2, K/4, stride);
 * a3 = ReLU(BN(c2)); c3 = conv1x1(a3, K); out = c3 + (reduce ? conv1x1(a1, K, stride) : x)} - note the shortcut
 * convolution reads {@code a1}, not {@code x}, as in the original code.
 *
 * <p>Choices that keep it faithful to Keras: no convolution biases; L2 only on convolution and dense
 * <em>weights</em>, set per layer as {@code 2 * lambda} (DL4J's {@code l2(x)} adds {@code x/2 * sum(w^2)}); Glorot
 * uniform initialisation (Keras' default kernel initialiser), zero dense bias; BN {@code decay} = Keras momentum;
 * "same" padding; float32. Known difference: DL4J divides a strided convolution's Glorot fan-out by the stride
 * product, Keras does not; this only changes the initial scale of the six strided convolutions.
 *
 * <p>Every ReLU is part of the batch-norm layer before it (one fused oneDNN kernel), so {@code bn1..bn3} and
 * {@code head_bn} output the ReLU'd activations. Layer names: {@code stem_bn, stem_conv},
 * {@code s<stage>m<module>_<bn1|conv1|bn2|conv2|bn3|conv3|short|add>} (1-based), {@code head_bn, head_pool,
 * output}.
 */
public final class ResNet {

  /** Name of the network's single input. */
  public static final String INPUT = "input";
  /** Name of the output layer (softmax + MCXENT). */
  public static final String OUTPUT = "output";

  private ResNet() {}

  /**
   * The configuration for {@code spec}, with workspaces enabled for training and inference (DL4J's fast path).
   *
   * @param spec the architecture and optimizer
   * @return a DL4J graph configuration, not yet initialised
   */
  public static ComputationGraphConfiguration configuration(ResNetSpec spec) {
    return configuration(spec, WorkspaceMode.ENABLED);
  }

  /**
   * The configuration for {@code spec} with the given workspace mode for both training and inference.
   *
   * @param spec the architecture and optimizer
   * @param workspaceMode DL4J workspace mode
   * @return a DL4J graph configuration, not yet initialised
   */
  public static ComputationGraphConfiguration configuration(ResNetSpec spec, WorkspaceMode workspaceMode) {
    CNN2DFormat format = spec.dataFormat();
    GraphBuilder g = new NeuralNetConfiguration.Builder()
        .seed(spec.seed())
        .dataType(DataType.FLOAT)
        .weightInit(WeightInit.XAVIER_UNIFORM)
        // DL4J's default activation is sigmoid; every non-linearity here is an explicit ReLU layer.
        .activation(Activation.IDENTITY)
        .updater(new MomentumSgd(spec.learningRate(), spec.momentum()))
        .convolutionMode(ConvolutionMode.Same)
        .trainingWorkspaceMode(workspaceMode)
        .inferenceWorkspaceMode(workspaceMode)
        .graphBuilder()
        .addInputs(INPUT)
        .setInputTypes(InputType.convolutional(spec.height(), spec.width(), spec.channels(), format));

    new Assembler(g, spec).assemble();

    return g.setOutputs(OUTPUT).build();
  }

  /**
   * Builds and initialises a network for {@code spec}.
   *
   * @param spec the architecture and optimizer
   * @return an initialised network with fresh weights from {@code spec.seed()}
   */
  public static ComputationGraph init(ResNetSpec spec) {
    ComputationGraph graph = new ComputationGraph(configuration(spec));
    graph.init();
    return graph;
  }

  /** Adds the layers of one spec to a graph builder; one instance per build. */
  private static final class Assembler {
    private final GraphBuilder g;
    private final ResNetSpec spec;
    private final CNN2DFormat format;

    Assembler(GraphBuilder g, ResNetSpec spec) {
      this.g = g;
      this.spec = spec;
      this.format = spec.dataFormat();
    }

    void assemble() {
      int[] stages = spec.stages();
      int[] filters = spec.filters();
      bn("stem_bn", INPUT);
      String x = conv("stem_conv", "stem_bn", filters[0], 3, 1, spec.stemL2());
      for (int i = 0; i < stages.length; i++) {
        int stride = i == 0 ? 1 : 2;
        for (int j = 0; j < stages[i]; j++) {
          boolean reduce = j == 0;
          x = module("s" + (i + 1) + "m" + (j + 1), x, filters[i + 1], reduce ? stride : 1, reduce);
        }
      }
      bnRelu("head_bn", x);
      // A window as large as the final map is global average pooling, and exactly the tutorial's layer at 32x32.
      g.addLayer("head_pool", new SubsamplingLayer.Builder(PoolingType.AVG)
          .kernelSize(spec.finalHeight(), spec.finalWidth())
          .stride(spec.finalHeight(), spec.finalWidth())
          .convolutionMode(ConvolutionMode.Truncate) // Keras AveragePooling2D default padding="valid"
          .dataFormat(format)
          .build(), "head_bn");
      g.addLayer(OUTPUT, new OutputLayer.Builder(LossFunction.MCXENT)
          .nOut(spec.classes())
          .activation(Activation.SOFTMAX)
          .hasBias(true)
          .l2(2 * spec.denseL2())
          .build(), "head_pool");
    }

    private String module(String name, String x, int k, int stride, boolean reduce) {
      double l2 = spec.moduleL2();
      String a1 = bnRelu(name + "_bn1", x);
      conv(name + "_conv1", a1, k / 4, 1, 1, l2);
      bnRelu(name + "_bn2", name + "_conv1");
      conv(name + "_conv2", name + "_bn2", k / 4, 3, stride, l2);
      bnRelu(name + "_bn3", name + "_conv2");
      String c3 = conv(name + "_conv3", name + "_bn3", k, 1, 1, l2);
      String shortcut = reduce ? conv(name + "_short", a1, k, 1, stride, l2) : x;
      g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), c3, shortcut);
      return name + "_add";
    }

    private String bn(String name, String input) {
      g.addLayer(name, FastBatchNormalization.of(spec.bnEpsilon(), spec.bnMomentum(), format, false), input);
      return name;
    }

    /** Batch norm then ReLU, as one layer: oneDNN fuses the two (see {@link FastBatchNormLayer}). */
    private String bnRelu(String name, String input) {
      g.addLayer(name, FastBatchNormalization.of(spec.bnEpsilon(), spec.bnMomentum(), format, true), input);
      return name;
    }

    private String conv(String name, String input, int nOut, int kernel, int stride, double kerasL2) {
      g.addLayer(name, new FastConvolution(new ConvolutionLayer.Builder(kernel, kernel)
          .stride(stride, stride)
          .nOut(nOut)
          .hasBias(false)
          .activation(Activation.IDENTITY) // pre-activation design: BN + ReLU come after, never inside the conv
          .l2(2 * kerasL2)
          .dataFormat(format)), input);
      return name;
    }
  }
}
