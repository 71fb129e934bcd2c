package io.lrsched.train;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training accuracy of a minibatch from the activations DL4J hands to listeners during {@code fit}. Those exclude the
 * output layer, so the predictions are recomputed from its input: argmax(x W + b) equals argmax(softmax(x W + b)),
 * and the product is tiny next to the network (256 x 10 multiply-adds per image).
 */
final class BatchAccuracy {
  private BatchAccuracy() {}

  /**
   * @param graph the network being trained (one output layer with parameters W and b)
   * @param activations the forward pass's activations by vertex name
   * @param labels one-hot labels of the minibatch
   * @return images classified correctly, or -1 if the output layer's input is not among the activations
   */
  static int correct(ComputationGraph graph, Map<String, INDArray> activations, INDArray labels) {
    if (labels == null) {
      return -1;
    }
    String output = graph.getConfiguration().getNetworkOutputs().get(0);
    GraphVertex vertex = graph.getVertex(output);
    if (vertex.getInputVertices() == null || vertex.getInputVertices().length != 1) {
      return -1;
    }
    String inputName = graph.getVertices()[vertex.getInputVertices()[0].getVertexIndex()].getVertexName();
    INDArray x = activations.get(inputName);
    if (x == null) {
      return -1;
    }
    long n = x.size(0);
    INDArray flat = x.reshape('c', n, x.length() / n);
    INDArray w = graph.getLayer(output).getParam("W");
    INDArray b = graph.getLayer(output).getParam("b");
    INDArray logits = flat.castTo(w.dataType()).mmul(w).addiRowVector(b);
    INDArray predicted = logits.argMax(1);
    INDArray actual = labels.argMax(1);
    return (int) predicted.eq(actual.castTo(predicted.dataType())).castTo(org.nd4j.linalg.api.buffer.DataType.INT)
        .sumNumber().longValue();
  }
}
