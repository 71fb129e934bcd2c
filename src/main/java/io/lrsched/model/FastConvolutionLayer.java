package io.lrsched.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's convolution layer without two wasted passes of its oneDNN path in 1.0.0-M2.
 *
 * <ul>
 *   <li>For NHWC input, DL4J's {@code preOutput} makes an NCHW copy of the whole input ({@code permute(0,3,1,2).dup()})
 *       that the helper never reads: it only needs the sizes, and gets the original array. Here the sizes come from a
 *       permuted view, no copy.</li>
 *   <li>Backpropagation recomputes the whole convolution forward to feed {@code activation.backprop(z, epsilon)}.
 *       With the identity activation (every convolution here: BN and ReLU are separate layers) that backprop returns
 *       epsilon and reads nothing of {@code z} but its shape, so a scratch array of that shape stands in.</li>
 * </ul>
 *
 * <p>Everything else, the helper's backward pass included, is DL4J's code; without a helper (reference mode) the
 * layer is DL4J's unchanged.
 */
public class FastConvolutionLayer extends ConvolutionLayer {

  private final boolean fastPath;

  /**
   * @param conf the layer's configuration
   * @param dataType the network's data type
   */
  public FastConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
    this.fastPath = FastLayers.enabled();
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
    int[] size = org.deeplearning4j.util.ConvolutionUtils.getOutputSize(nchw, conf.getKernelSize(), conf.getStride(),
        convolutionMode == org.deeplearning4j.nn.conf.ConvolutionMode.Same ? null : conf.getPadding(),
        convolutionMode, conf.getDilation(), CNN2DFormat.NCHW);
    long n = input.size(0);
    long c = conf.getNOut();
    return nhwc ? new long[] {n, size[0], size[1], c} : new long[] {n, c, size[0], size[1]};
  }
}
