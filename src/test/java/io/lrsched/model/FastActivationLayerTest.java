package io.lrsched.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The one-pass ReLU layer computes exactly what DL4J's activation layer computes, and leaves its input alone. */
class FastActivationLayerTest {

  @Test
  void reluShouldMatchDl4jBitForBit() {
    Nd4j.getRandom().setSeed(3);
    INDArray x = Nd4j.randn(DataType.FLOAT, 4, 5, 6, 3);
    INDArray epsilon = Nd4j.randn(DataType.FLOAT, 4, 5, 6, 3);
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    FastActivationLayer fast = layer(Activation.RELU, true);
    FastActivationLayer dl4j = layer(Activation.RELU, false);
    INDArray original = x.dup();
    for (FastActivationLayer l : List.of(fast, dl4j)) {
      l.setInput(x, mgr);
    }

    INDArray fastOut = fast.activate(true, mgr);
    assertEquals(original, x, "forward must not modify its input");
    assertEquals(dl4j.activate(true, mgr), fastOut);
    Pair<Gradient, INDArray> fastBack = fast.backpropGradient(epsilon, mgr);
    assertEquals(dl4j.backpropGradient(epsilon, mgr).getSecond(), fastBack.getSecond());
    assertEquals(x.gt(0).castTo(DataType.FLOAT).mul(epsilon), fastBack.getSecond());
    assertFalse(fastOut.minNumber().doubleValue() < 0);
  }

  @Test
  void otherActivationsShouldRunDl4jsCode() {
    INDArray x = Nd4j.createFromArray(new float[][] {{-1f, 0.5f}});
    FastActivationLayer tanh = layer(Activation.TANH, true);
    tanh.setInput(x, LayerWorkspaceMgr.noWorkspaces());
    INDArray out = tanh.activate(true, LayerWorkspaceMgr.noWorkspaces());
    assertEquals((float) Math.tanh(-1), out.getFloat(0), 1e-6);
  }

  private static FastActivationLayer layer(Activation activation, boolean fastPath) {
    FastActivation conf = new FastActivation(activation);
    NeuralNetConfiguration nnc = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).layer(conf).build();
    FastActivationLayer layer = new FastActivationLayer(nnc, DataType.FLOAT, fastPath);
    layer.setConf(nnc);
    return layer;
  }
}
