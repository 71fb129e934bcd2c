package io.lrsched.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class MomentumSgdTest {

  @Test
  void shouldMatchHandComputedClassicalMomentumOverThreeSteps() {
    MomentumSgd config = new MomentumSgd(0.1, 0.9);
    INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, 2);
    MomentumSgdUpdater updater = (MomentumSgdUpdater) config.instantiate(state, true);
    double[][] grads = {{1.0, -2.0}, {0.5, 0.5}, {-1.0, 3.0}};
    double[] lrs = {0.1, 0.1, 0.05}; // the rate changes before the third step, as a schedule would
    double[] w = {1.0, 1.0};
    double[] v = {0.0, 0.0};
    double[] dl4jW = w.clone();
    for (int step = 0; step < 3; step++) {
      config.setLearningRate(lrs[step]);
      INDArray g = Nd4j.createFromArray(grads[step]).reshape(1, 2);
      updater.applyUpdater(g, step, 0);
      for (int i = 0; i < 2; i++) {
        v[i] = 0.9 * v[i] - lrs[step] * grads[step][i]; // Keras: v = mu*v - lr*g; w += v
        w[i] += v[i];
        dl4jW[i] -= g.getDouble(0, i);                  // DL4J: w -= update
      }
      assertEquals(lrs[step], updater.lastAppliedLearningRate(), 0.0);
    }
    assertArrayEquals(w, dl4jW, 1e-12);
    // Hand values: v1 = (-0.1, 0.2), v2 = (-0.14, 0.13), v3 = (-0.076, -0.033) -> w = (0.684, 1.297)
    assertArrayEquals(new double[] {0.684, 1.297}, w, 1e-12);
    assertArrayEquals(new double[] {-0.076, -0.033}, state.toDoubleVector(), 1e-12);
  }

  @Test
  void shouldEqualDl4jSgdWhenMomentumIsZero() {
    ComputationGraph withMomentumSgd = tinyDenseGraph(new MomentumSgd(0.3, 0.0));
    ComputationGraph withSgd = tinyDenseGraph(new Sgd(0.3));
    assertEquals(withSgd.params(), withMomentumSgd.params());
    DataSet data = tinyData();
    for (int i = 0; i < 3; i++) {
      withMomentumSgd.fit(data);
      withSgd.fit(data);
    }
    INDArray a = withMomentumSgd.params();
    INDArray b = withSgd.params();
    assertTrue(a.equalsWithEps(b, 1e-6), "MomentumSgd(mu=0) and Sgd must take the same steps");
  }

  @Test
  void shouldApplyLearningRateSetBetweenStepsAndReportIt() {
    ComputationGraph graph = tinyDenseGraph(new MomentumSgd(0.1, 0.9));
    DataSet data = tinyData();
    assertTrue(Double.isNaN(LearningRateControl.lastApplied(graph)));

    LearningRateControl.set(graph, 0.0);
    INDArray before = graph.params().dup();
    graph.fit(data);
    assertEquals(0.0, LearningRateControl.lastApplied(graph), 0.0);
    assertEquals(before, graph.params(), "lr 0 with zero velocity must not move the weights");

    LearningRateControl.set(graph, 0.25);
    graph.fit(data);
    assertEquals(0.25, LearningRateControl.lastApplied(graph), 0.0);
    assertNotEquals(before, graph.params());
    assertTrue(graph.getConfiguration().toJson().contains("0.25"), "saved configuration carries the current rate");

    graph.setLearningRate(0.02); // DL4J's own API rebuilds the updater; must work too
    graph.fit(data);
    assertEquals(0.02, LearningRateControl.lastApplied(graph), 0.0);
  }

  @Test
  void shouldRejectInvalidHyperParameters() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MomentumSgd(0.1, 1.0));
    assertTrue(e.getMessage().startsWith("momentum must be in [0, 1)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new MomentumSgd(-0.1, 0.9));
    assertThrows(IllegalArgumentException.class,
        () -> LearningRateControl.set(tinyDenseGraph(new Sgd(0.1)), 0.1));
  }

  @Test
  void shouldCloneIntoAnEqualIndependentCopy() {
    MomentumSgd a = new MomentumSgd(0.1, 0.9);
    IUpdater b = a.clone();
    assertEquals(a, b);
    a.setLearningRate(0.2);
    assertNotEquals(a, b);
    GradientUpdater<?> u = b.instantiate(Nd4j.zeros(DataType.FLOAT, 1, 3), true);
    assertEquals(b, u.getConfig());
  }

  private static ComputationGraph tinyDenseGraph(IUpdater updater) {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(7)
        .dataType(DataType.DOUBLE)
        .updater(updater)
        .graphBuilder()
        .addInputs("in")
        .setInputTypes(InputType.feedForward(4))
        .addLayer("hidden", new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build(), "in")
        .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
            .build(), "hidden")
        .setOutputs("out")
        .build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    return graph;
  }

  private static DataSet tinyData() {
    Nd4j.getRandom().setSeed(11);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 4);
    INDArray y = Nd4j.zeros(DataType.DOUBLE, 6, 3);
    for (int i = 0; i < 6; i++) {
      y.putScalar(i, i % 3, 1.0);
    }
    return new DataSet(x, y);
  }
}
