package io.lrsched.model;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's convolution layer without the wasted passes of its oneDNN path in 1.0.0-M2.
 *
 * <ul>
 *   <li>For NHWC input, DL4J's {@code preOutput} makes an NCHW copy of the whole input ({@code permute(0,3,1,2).dup()})
 *       that the helper never reads: it only needs the sizes, and gets the original array. Here the sizes come from a
 *       permuted view, no copy.</li>
 *   <li>Backpropagation recomputes the whole convolution forward to feed {@code activation.backprop(z, epsilon)}.
 *       With the identity activation (every convolution here: BN and ReLU are separate layers) that backprop returns
 *       epsilon and reads nothing of {@code z} but its shape, so a scratch array of that shape stands in.</li>
 *   <li>Pointwise (1x1, stride 1) convolutions in NHWC backpropagate as two matrix products, without oneDNN's
 *       layout reorders (see {@link #backpropGradient}).</li>
 * </ul>
 *
 * <p>Everything else, the helper's backward pass for the other convolutions included, is DL4J's code; with the fast
 * layers switched off ({@link FastLayers}, and so in reference mode) the layer is DL4J's unchanged.
 */
public class FastConvolutionLayer extends ConvolutionLayer {

  private final boolean fastPath;
  /** How many backward passes took the matrix-product path (for tests). */
  int pointwiseBackwardCalls;

  /**
   * @param conf the layer's configuration
   * @param dataType the network's data type
   */
  public FastConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
    this(conf, dataType, FastLayers.enabled());
  }

  /**
   * @param conf the layer's configuration
   * @param dataType the network's data type
   * @param fastPath whether to take the faster paths (the pointwise backward works on any native build)
   */
  FastConvolutionLayer(NeuralNetConfiguration conf, DataType dataType, boolean fastPath) {
    super(conf, dataType);
    this.fastPath = fastPath;
  }

  /**
   * For a 1x1, stride-1 convolution in NHWC the backward pass is two matrix products over the activations viewed as
   * [N*H*W, C]: {@code dW = dy^T x} and {@code dx = dy W}. DL4J's helper instead runs oneDNN 1.0.0-M2's backward
   * convolution, which wants blocked layouts and reorders the input and the gradient on every call (a quarter of
   * all oneDNN time in a step). Two thirds of this network's convolutions are pointwise.
   */
  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
    INDArray weightGrad2d = !fastPath || !isPointwiseNhwc() || weightGrad == null ? null
        : Shape.newShapeNoCopy(weightGrad, new long[] {weightGrad.size(0), weightGrad.size(1)}, false);
    if (weightGrad2d == null) {
      return super.backpropGradient(epsilon, workspaceMgr); // not pointwise, or no 2-d view of the gradient
    }
    pointwiseBackwardCalls++;
    assertInputSet(true);
    INDArray x = input.castTo(dataType);
    long inChannels = x.size(3);
    long outChannels = layerConf().getNOut();
    long positions = x.length() / inChannels;
    INDArray x2d = x.reshape('c', positions, inChannels);
    INDArray dy2d = epsilon.castTo(dataType).reshape('c', positions, outChannels);
    INDArray w2d = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr)
        .reshape('c', outChannels, inChannels);

    Nd4j.gemm(dy2d, x2d, weightGrad2d, true, false, 1.0, 0.0);
    INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
    Nd4j.gemm(dy2d, w2d, dx.reshape('c', positions, inChannels), false, false, 1.0, 0.0);

    Gradient gradient = new DefaultGradient();
    gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad);
    return new Pair<>(gradient, dx);
  }

  private boolean isPointwiseNhwc() {
    org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf = layerConf();
    return conf.getCnn2dDataFormat() == CNN2DFormat.NHWC
        && Arrays.equals(conf.getKernelSize(), new int[] {1, 1})
        && Arrays.equals(conf.getStride(), new int[] {1, 1})
        && Arrays.equals(conf.getDilation(), new int[] {1, 1})
        && (convolutionMode == ConvolutionMode.Same
            || Arrays.equals(conf.getPadding(), new int[] {0, 0}))
        && !hasBias()
        && conf.getActivationFn() instanceof ActivationIdentity
        && conf.getIDropout() == null
        && input.rank() == 4;
  }

  @Override
  protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop,
      LayerWorkspaceMgr workspaceMgr) {
    if (!fastPath || helper == null || helperCountFail > 0) {
      return super.preOutput(training, forBackprop, workspaceMgr);
    }
    org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf = layerConf();
    if (forBackprop && conf.getActivationFn() instanceof ActivationIdentity) {
      INDArray shapeOnly = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, outputShape());
      return new Pair<>(shapeOnly, null);
    }
    assertInputSet(false);
    validateInputRank();
    INDArray in = input.castTo(dataType);
    INDArray weights = getParamWithNoise("W", training, workspaceMgr);
    validateInputDepth(weights.size(1));
    INDArray out = helper.preOutput(in, weights, bias(training, workspaceMgr), conf.getKernelSize(), conf.getStride(),
        conf.getPadding(), conf.getCudnnAlgoMode(), conf.getCudnnFwdAlgo(), convolutionMode, conf.getDilation(),
        conf.getCnn2dDataFormat(), workspaceMgr);
    return out != null ? new Pair<>(out, null) : super.preOutput(training, forBackprop, workspaceMgr);
  }

  private INDArray bias(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (hasBias()) {
      return getParamWithNoise("b", training, workspaceMgr);
    }
    if (dummyBias == null) {
      try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
        dummyBias = Nd4j.create(dataType, 1, layerConf().getNOut());
      }
    }
    return dummyBias;
  }

  /** The output's shape in the layer's layout, from the input's (same arithmetic as DL4J's). */
  private long[] outputShape() {
    org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf = layerConf();
    boolean nhwc = conf.getCnn2dDataFormat() == CNN2DFormat.NHWC;
    INDArray nchw = nhwc ? input.permute(0, 3, 1, 2) : input;
    int[] size = ConvolutionUtils.getOutputSize(nchw, conf.getKernelSize(), conf.getStride(),
        convolutionMode == ConvolutionMode.Same ? null : conf.getPadding(),
        convolutionMode, conf.getDilation(), CNN2DFormat.NCHW);
    long n = input.size(0);
    long c = conf.getNOut();
    return nhwc ? new long[] {n, size[0], size[1], c} : new long[] {n, c, size[0], size[1]};
  }
}
