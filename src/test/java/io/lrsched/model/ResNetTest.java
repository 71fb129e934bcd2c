package io.lrsched.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

class ResNetTest {

  private static final ResNetSpec TINY = TutorialSpec.of(CNN2DFormat.NCHW, 42)
      .withArchitecture(new int[] {1, 1, 1}, new int[] {16, 16, 32, 64});

  @Test
  void shouldHaveTheTutorialsParameterCounts() {
    ComputationGraph graph = ResNet.init(TutorialSpec.of(CNN2DFormat.NCHW, 1));
    long total = 0;
    long runningStats = 0;
    for (Layer layer : graph.getLayers()) {
      for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
        total += p.getValue().length();
        if (layer.conf().getLayer() instanceof BatchNormalization && !p.getKey().equals("gamma")
            && !p.getKey().equals("beta")) {
          runningStats += p.getValue().length(); // DL4J keeps BN running mean/std as (non-trained) params
        }
      }
    }
    assertEquals(886_102, graph.numParams(), "numParams() includes the BN running statistics");
    assertEquals(886_102, total);
    assertEquals(873_872, total - runningStats, "trainable parameters (Keras model.summary)");
  }

  @Test
  void shouldFitItsPoolToAnyInputSizeAndItsHeadToAnyClassCount() {
    // The dense layer is 256 x classes + classes: 5 classes instead of 10 remove 5 x 257 = 1,285 parameters,
    // whatever the input size, because the final pool is global.
    ResNetSpec tutorial = TutorialSpec.of(CNN2DFormat.NCHW, 1);
    ResNetSpec five64 = new ResNetSpec(64, 64, 3, 5, tutorial.stages(), tutorial.filters(), 1e-4, 5e-4, 5e-4, 2e-5,
        0.9, CNN2DFormat.NCHW, 1, 0.1, 0.9);
    assertEquals(886_102 - 1_285, ResNet.init(five64).numParams());
    for (CNN2DFormat format : CNN2DFormat.values()) {
      ResNetSpec grey28 = new ResNetSpec(28, 28, 3, 3, TINY.stages(), TINY.filters(), 1e-4, 5e-4, 5e-4, 2e-5, 0.9,
          format, 1, 0.1, 0.9);
      long[] shape = format == CNN2DFormat.NCHW ? new long[] {2, 3, 28, 28} : new long[] {2, 28, 28, 3};
      INDArray out = ResNet.init(grey28).outputSingle(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape));
      assertArrayEquals(new long[] {2, 3}, out.shape(), format.toString());
    }
  }

  @Test
  void shouldOutputClassProbabilitiesInBothLayouts() {
    for (CNN2DFormat format : CNN2DFormat.values()) {
      ComputationGraph graph = ResNet.init(TINY.withDataFormat(format));
      long[] shape = format == CNN2DFormat.NCHW ? new long[] {3, 3, 32, 32} : new long[] {3, 32, 32, 3};
      INDArray out = graph.outputSingle(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape));
      assertArrayEquals(new long[] {3, 10}, out.shape(), format.toString());
      INDArray rowSums = out.sum(1);
      for (int i = 0; i < 3; i++) {
        assertEquals(1.0, rowSums.getDouble(i), 1e-5, format + " row " + i);
      }
    }
  }

  @Test
  void shouldTakeReducingShortcutFromFirstActivation() {
    ComputationGraphConfiguration conf = ResNet.configuration(TINY);
    Map<String, List<String>> inputs = conf.getVertexInputs();
    assertEquals(List.of("s2m1_bn1"), inputs.get("s2m1_short")); // batch norm + ReLU, fused
    assertEquals(List.of("s2m1_conv3", "s2m1_short"), inputs.get("s2m1_add"));
    assertEquals(List.of("s1m1_add"), inputs.get("s2m1_bn1"));
  }

  @Test
  void shouldPutKerasL2TimesTwoOnWeightsOnly() {
    ComputationGraphConfiguration conf = ResNet.configuration(TutorialSpec.of(CNN2DFormat.NCHW, 1));
    assertEquals(2e-4, l2Of(conf, "s3m9_conv2", "W"), 1e-12);
    assertEquals(1e-3, l2Of(conf, "stem_conv", "W"), 1e-12);
    assertEquals(1e-3, l2Of(conf, "output", "W"), 1e-12);
    assertEquals(0.0, l2Of(conf, "output", "b"), 0.0);
    assertEquals(0.0, l2Of(conf, "s1m1_bn1", "gamma"), 0.0);
    assertEquals(0.0, l2Of(conf, "s1m1_bn1", "beta"), 0.0);
    BatchNormalization bn = (BatchNormalization) layerConf(conf, "head_bn");
    assertEquals(2e-5, bn.getEps(), 0.0);
    assertEquals(0.9, bn.getDecay(), 0.0);
  }

  @Test
  void shouldApplyReluOnlyInThePreActivationNormLayers() {
    ComputationGraphConfiguration conf = ResNet.configuration(TINY);
    int checked = 0;
    for (String name : conf.getVertices().keySet()) {
      if (name.contains("conv") || name.contains("short") || name.contains("bn")) {
        BaseLayer layer = (BaseLayer) layerConf(conf, name);
        // Every batch norm but the stem's is followed by ReLU in the tutorial (fused here); nothing else activates.
        String expected = name.contains("bn") && !name.equals("stem_bn") ? "relu" : "identity";
        assertEquals(expected, layer.getActivationFn().toString(), name + " (DL4J's default would be sigmoid)");
        checked++;
      }
    }
    assertEquals(2 + 1 + 3 * 7, checked, "stem bn+conv, head bn, 3 modules x (3 bn + 3 conv + 1 shortcut)");
  }

  @Test
  void shouldRoundTripThroughDl4jJson() {
    ComputationGraphConfiguration conf = ResNet.configuration(TINY);
    String json = conf.toJson();
    ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
    assertEquals(conf, back);
    assertTrue(json.contains(MomentumSgd.class.getName()), "the JSON names the custom updater");
    BaseLayer conv = (BaseLayer) layerConf(back, "s1m1_conv2");
    assertEquals(new MomentumSgd(0.1, 0.9), conv.getIUpdater());
    // Spark workers rebuild the network from this JSON: they must get the same layer implementations.
    assertEquals(FastConvolution.class, layerConf(back, "s1m1_conv2").getClass());
    assertEquals(FastBatchNormalization.class, layerConf(back, "s1m1_bn1").getClass());
    assertEquals(new org.nd4j.linalg.activations.impl.ActivationReLU(),
        ((BaseLayer) layerConf(back, "s1m1_bn1")).getActivationFn(), "ReLU is part of the batch-norm layer");
    ComputationGraph rebuilt = new ComputationGraph(back);
    rebuilt.init();
    assertEquals(FastConvolutionLayer.class, rebuilt.getLayer("s1m1_conv2").getClass());
    assertEquals(FastBatchNormLayer.class, rebuilt.getLayer("s1m1_bn1").getClass());
  }

  private static org.deeplearning4j.nn.conf.layers.Layer layerConf(ComputationGraphConfiguration conf, String name) {
    return ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
  }

  private static double l2Of(ComputationGraphConfiguration conf, String layer, String param) {
    List<Regularization> regs = layerConf(conf, layer).getRegularizationByParam(param);
    double sum = 0;
    if (regs != null) {
      for (Regularization r : regs) {
        if (r instanceof L2Regularization l2) {
          sum += l2.getL2().valueAt(0, 0);
        }
      }
    }
    return sum;
  }
}
