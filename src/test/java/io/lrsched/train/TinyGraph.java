package io.lrsched.train;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A network whose answers can be worked out by hand: two inputs straight into a softmax output layer with weights
 * W = identity and bias b = (0, 1.5), so the logits of x are (x0, x1 + 1.5).
 *
 * <p>The four test points and their one-hot labels: (1, 0) class 0 -> logits (1, 1.5), predicted 1; (0, 1) class 0
 * -> (0, 2.5), predicted 1; (2, 3) class 1 -> (2, 4.5), predicted 1; (5, -1) class 1 -> (5, 0.5), predicted 0. One
 * of four is right (the third); confusion [actual][predicted] = {{0, 2}, {1, 1}}.
 */
final class TinyGraph {
  static final double[][] X = {{1, 0}, {0, 1}, {2, 3}, {5, -1}};
  static final double[][] LABELS = {{1, 0}, {1, 0}, {0, 1}, {0, 1}};
  static final double[][] LOGITS = {{1, 1.5}, {0, 2.5}, {2, 4.5}, {5, 0.5}};

  private TinyGraph() {}

  static ComputationGraph create() {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .graphBuilder()
        .addInputs("in")
        .setInputTypes(InputType.feedForward(2))
        .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nIn(2).nOut(2).activation(Activation.SOFTMAX).build(), "in")
        .setOutputs("out")
        .build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    graph.getLayer("out").setParam("W", Nd4j.create(new float[][] {{1, 0}, {0, 1}}));
    graph.getLayer("out").setParam("b", Nd4j.create(new float[][] {{0, 1.5f}}));
    return graph;
  }

  static INDArray rows(double[][] values, int from, int to) {
    double[][] slice = new double[to - from][];
    System.arraycopy(values, from, slice, 0, to - from);
    return Nd4j.create(slice).castTo(DataType.FLOAT);
  }

  /** Cross-entropy of softmax(logits) against the label, computed with java.lang.Math, not ND4J. */
  static double crossEntropy(double[] logits, int label) {
    double sum = 0;
    for (double z : logits) {
      sum += Math.exp(z);
    }
    return -Math.log(Math.exp(logits[label]) / sum);
  }
}
