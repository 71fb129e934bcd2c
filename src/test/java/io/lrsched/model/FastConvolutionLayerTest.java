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
 * The fast convolution layer against DL4J's own, on the same weights and data: outputs, input gradient and weight
 * gradient. The pointwise (1x1, stride 1, NHWC) case runs our matrix-product backward; the others check that the fast
 * layer hands them to DL4J unchanged.
 */
class FastConvolutionLayerTest {

  @ParameterizedTest
  @CsvSource({"1, 1, NHWC", "3, 1, NHWC", "1, 2, NHWC", "1, 1, NCHW"})
  void shouldMatchDl4jsConvolution(int kernel, int stride, CNN2DFormat format) {
    Nd4j.getRandom().setSeed(5);
    long[] inShape = format == CNN2DFormat.NHWC ? new long[] {3, 6, 6, 5} : new long[] {3, 5, 6, 6};
    INDArray x = Nd4j.randn(DataType.FLOAT, inShape);
    FastConvolutionLayer fast = layer(kernel, stride, format, true);
    FastConvolutionLayer dl4j = layer(kernel, stride, format, false);
    dl4j.setParams(fast.params().dup());
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    fast.setInput(x.dup(), mgr);
    dl4j.setInput(x.dup(), mgr);

    INDArray yFast = fast.activate(true, mgr);
    INDArray yDl4j = dl4j.activate(true, mgr);
    assertClose(yDl4j, yFast, "output");
    INDArray epsilon = Nd4j.randn(DataType.FLOAT, yDl4j.shape());
    Pair<Gradient, INDArray> f = fast.backpropGradient(epsilon.dup(), mgr);
    Pair<Gradient, INDArray> d = dl4j.backpropGradient(epsilon.dup(), mgr);
    assertClose(d.getSecond(), f.getSecond(), "input gradient");
    assertClose(d.getFirst().getGradientFor("W"), f.getFirst().getGradientFor("W"), "weight gradient");
    assertEquals(fast.getGradientsViewArray().getDouble(0), f.getFirst().getGradientFor("W").getDouble(0),
        "the weight gradient is written into the network's gradient view");
    boolean pointwise = kernel == 1 && stride == 1 && format == CNN2DFormat.NHWC;
    assertEquals(pointwise ? 1 : 0, fast.pointwiseBackwardCalls, "matrix-product backward taken");
  }

  private static FastConvolutionLayer layer(int kernel, int stride, CNN2DFormat format, boolean fastPath) {
    FastConvolution conf = new FastConvolution(new ConvolutionLayer.Builder(kernel, kernel)
        .stride(stride, stride)
        .nIn(5)
        .nOut(7)
        .hasBias(false)
        .activation(Activation.IDENTITY)
        .convolutionMode(ConvolutionMode.Same)
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
