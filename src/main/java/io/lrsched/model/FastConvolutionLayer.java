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
 *   <li>NHWC, where oneDNN's presets load ({@link Dnnl}): the backward pass runs oneDNN directly
 *       ({@link DnnlConvolution}): primitives created once, activations kept NHWC. libnd4j's helper creates the
 *       primitives on every call and reorders the activations to blocked layouts and back. This also beats the two
 *       matrix products that pointwise convolutions' backward passes were before (oneDNN's 1x1 kernels read NHWC
 *       directly). The forward pass stays libnd4j's: it reads NHWC without reorders, and measured per layer it was
 *       as fast or faster than the direct call.</li>
 *   <li>Otherwise (NCHW above all), and forward, through DL4J's helper: for NHWC input, DL4J's {@code preOutput}
 *       makes an NCHW copy of the whole input ({@code permute(0,3,1,2).dup()}) that the helper never reads: it only
 *       needs the sizes, and gets the original array. Here the sizes come from a permuted view, no copy. And
 *       backpropagation recomputes the whole convolution forward to feed {@code activation.backprop(z, epsilon)}.
 *       With the identity activation (every convolution here: BN and ReLU are separate layers) that backprop returns
 *       epsilon and reads nothing of {@code z} but its shape, so a scratch array of that shape stands in.</li>
 * </ul>
 *
 * <p>With the fast layers switched off ({@link FastLayers}, and so in reference mode) the layer is DL4J's unchanged.
 */
public class FastConvolutionLayer extends ConvolutionLayer {

  private final boolean fastPath;
  /** How many backward passes ran oneDNN directly (for tests). */
  int dnnlBackwardCalls;

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
   * @param fastPath whether to take the faster paths (oneDNN's, on any native build, wherever its presets load)
   */
  FastConvolutionLayer(NeuralNetConfiguration conf, DataType dataType, boolean fastPath) {
    super(conf, dataType);
    this.fastPath = fastPath;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    boolean dnnl = runsDnnl() && DnnlConvolution.backwardWeightsSafe(geometry(input));
    return dnnl ? dnnlBackward(epsilon, workspaceMgr) : super.backpropGradient(epsilon, workspaceMgr);
  }

  /**
   * Both gradients by oneDNN's backward-data and backward-weights primitives. Bias gradient before weight gradient in
   * the result, as DL4J's helper orders them.
   */
  private Pair<Gradient, INDArray> dnnlBackward(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    dnnlBackwardCalls++;
    assertInputSet(true);
    INDArray x = contiguous(input.castTo(dataType), ArrayType.BP_WORKING_MEM, workspaceMgr);
    INDArray dy = contiguous(epsilon.castTo(dataType), ArrayType.BP_WORKING_MEM, workspaceMgr);
    INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
    INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
    INDArray biasGrad = hasBias() ? gradientViews.get(ConvolutionParamInitializer.BIAS_KEY) : null;
    DnnlConvolution.Geometry geometry = geometry(x);

    INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
    DnnlConvolution.backwardData(geometry, dy, weights, dx);
    DnnlConvolution.backwardWeights(geometry, x, dy, weightGrad, biasGrad);

    Gradient gradient = new DefaultGradient();
    if (biasGrad != null) {
      gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
    }
    gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad);
    return new Pair<>(gradient, dx);
  }

  /**
   * Whether this layer's backward pass may run oneDNN directly: its presets loaded, NHWC (see
   * {@link DnnlConvolution} for NCHW), float, no dilation, and what {@link #dnnlBackward} leaves out (an activation
   * other than identity, dropout) absent.
   */
  private boolean runsDnnl() {
    org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf = layerConf();
    return fastPath && Dnnl.available()
        && conf.getCnn2dDataFormat() == CNN2DFormat.NHWC
        && dataType == DataType.FLOAT
        && Arrays.equals(conf.getDilation(), new int[] {1, 1})
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

  /**
   * The convolution's geometry for NHWC input {@code x}, with DL4J's arithmetic: its output size and its padding (in
   * {@code Same} mode the top and left padding of {@link ConvolutionUtils#getSameModeTopLeftPadding}; the rest falls
   * at the bottom and right, as in TensorFlow).
   */
  private DnnlConvolution.Geometry geometry(INDArray x) {
    org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf = layerConf();
    INDArray nchw = x.permute(0, 3, 1, 2);
    int[] kernel = conf.getKernelSize();
    int[] stride = conf.getStride();
    int[] in = {(int) nchw.size(2), (int) nchw.size(3)};
    boolean same = convolutionMode == ConvolutionMode.Same;
    int[] out = ConvolutionUtils.getOutputSize(nchw, kernel, stride, same ? null : conf.getPadding(),
        convolutionMode, conf.getDilation(), CNN2DFormat.NCHW);
    int[] begin = same ? ConvolutionUtils.getSameModeTopLeftPadding(out, in, kernel, stride, conf.getDilation())
        : conf.getPadding();
    // What the last window reaches past the input: the padding at the end that makes oneDNN's output size DL4J's.
    long[] end = new long[2];
    for (int i = 0; i < 2; i++) {
      end[i] = (out[i] - 1L) * stride[i] + (kernel[i] - 1L) * conf.getDilation()[i] + 1 - in[i] - begin[i];
    }
    return new DnnlConvolution.Geometry(nchw.size(0), nchw.size(1), conf.getNOut(),
        new DnnlConvolution.Size(in[0], in[1]), new DnnlConvolution.Size(out[0], out[1]),
        new DnnlConvolution.Size(kernel[0], kernel[1]), new DnnlConvolution.Size(stride[0], stride[1]),
        new DnnlConvolution.Size(begin[0], begin[1]), new DnnlConvolution.Size(end[0], end[1]), hasBias());
  }

  private static INDArray contiguous(INDArray x, ArrayType type, LayerWorkspaceMgr workspaceMgr) {
    return x.ordering() == 'c' && Shape.hasDefaultStridesForShape(x) ? x : workspaceMgr.dup(type, x, 'c');
  }
}
