package io.lrsched.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast convolution layer against DL4J's own, on the same weights and data: training and inference outputs, input
 * gradient, weight (and bias) gradient, in both layouts. In NHWC the fast layer's backward pass runs oneDNN directly,
 * in NCHW DL4J's helper (the counter proves which); the reference is DL4J's code. The input is 6 high and
 * 7 wide: "same" padding then splits unevenly (3x3, stride 2: none above, one row below) or is negative at the end
 * (1x1, stride 2, even height: the last row is never read); with explicit padding in {@code Truncate} mode the last
 * window may stop short of the padding.
 */
class FastConvolutionLayerTest {

  @ParameterizedTest
  @CsvSource({
      "1, 1, NHWC, false, Same, 5", "3, 1, NHWC, false, Same, 5", "3, 2, NHWC, false, Same, 5",
      "1, 2, NHWC, false, Same, 16", "1, 2, NHWC, false, Same, 5", "2, 1, NHWC, false, Same, 5",
      "3, 2, NHWC, true, Same, 5", "1, 1, NHWC, true, Same, 5", "3, 2, NHWC, false, Truncate, 5",
      "1, 1, NCHW, false, Same, 5", "3, 1, NCHW, false, Same, 5", "3, 2, NCHW, false, Same, 5",
      "1, 2, NCHW, false, Same, 5", "3, 1, NCHW, true, Same, 5", "3, 2, NCHW, false, Truncate, 5"})
  void shouldMatchDl4jsConvolution(int kernel, int stride, CNN2DFormat format, boolean bias, ConvolutionMode mode,
      int inChannels) {
    assertTrue(Dnnl.available(), "oneDNN's presets must load here: the fast path is what is under test");
    Nd4j.getRandom().setSeed(5);
    long[] inShape = format == CNN2DFormat.NHWC ? new long[] {3, 6, 7, inChannels} : new long[] {3, inChannels, 6, 7};
    INDArray x = Nd4j.randn(DataType.FLOAT, inShape);
    FastConvolutionLayer fast = layer(kernel, stride, format, bias, mode, inChannels, true);
    FastConvolutionLayer dl4j = layer(kernel, stride, format, bias, mode, inChannels, false);
    INDArray params = Nd4j.randn(DataType.FLOAT, fast.params().shape()); // non-zero bias too
    fast.setParams(params.dup());
    dl4j.setParams(params.dup());
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    fast.setInput(x.dup(), mgr);
    dl4j.setInput(x.dup(), mgr);

    assertClose(dl4j.activate(false, mgr), fast.activate(false, mgr), "inference output");
    INDArray yFast = fast.activate(true, mgr);
    INDArray yDl4j = dl4j.activate(true, mgr);
    assertClose(yDl4j, yFast, "output");
    INDArray epsilon = Nd4j.randn(DataType.FLOAT, yDl4j.shape());
    Pair<Gradient, INDArray> f = fast.backpropGradient(epsilon.dup(), mgr);
    Pair<Gradient, INDArray> d = dl4j.backpropGradient(epsilon.dup(), mgr);
    assertClose(d.getSecond(), f.getSecond(), "input gradient");
    assertClose(d.getFirst().getGradientFor("W"), f.getFirst().getGradientFor("W"), "weight gradient");
    assertEquals(d.getFirst().gradientForVariable().keySet(), f.getFirst().gradientForVariable().keySet());
    if (bias) {
      assertClose(d.getFirst().getGradientFor("b"), f.getFirst().getGradientFor("b"), "bias gradient");
    }
    assertClose(dl4j.getGradientsViewArray(), fast.getGradientsViewArray(),
        "the network's gradient view (where the updater reads the gradients)");

    boolean nhwc = format == CNN2DFormat.NHWC;
    boolean oneDnnBug = kernel == 1 && stride > 1 && inChannels < 16; // see DnnlConvolution.backwardWeightsSafe
    assertEquals(nhwc && !oneDnnBug ? 1 : 0, fast.dnnlBackwardCalls, "oneDNN backward taken (NHWC only)");
    assertEquals(0, dl4j.dnnlBackwardCalls, "the reference is DL4J's code");
  }

  private static FastConvolutionLayer layer(int kernel, int stride, CNN2DFormat format, boolean bias,
      ConvolutionMode mode, int inChannels, boolean fastPath) {
    int padding = mode == ConvolutionMode.Same ? 0 : 1;
    FastConvolution conf = new FastConvolution(new ConvolutionLayer.Builder(kernel, kernel)
        .stride(stride, stride)
        .nIn(inChannels)
        .nOut(7)
        .hasBias(bias)
        .activation(Activation.IDENTITY)
        .convolutionMode(mode)
        .padding(padding, padding)
        .dataFormat(format));
    NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).seed(1).layer(conf)
        .build();
    long numParams = conf.initializer().numParams(nnc);
    INDArray params = Nd4j.create(DataType.FLOAT, 1, numParams);
    FastConvolutionLayer layer = LayerWiring.wire(new FastConvolutionLayer(nnc, DataType.FLOAT, fastPath), conf, nnc,
        java.util.List.of(), 0, params, true);
    layer.setBackpropGradientsViewArray(Nd4j.create(DataType.FLOAT, 1, numParams));
    return layer;
  }

  private static void assertClose(INDArray expected, INDArray actual, String what) {
    assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
    double scale = Math.max(1.0, expected.amaxNumber().doubleValue());
    double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    assertTrue(diff <= 1e-5 * scale, what + ": max difference " + diff);
  }
}
