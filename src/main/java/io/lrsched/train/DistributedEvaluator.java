package io.lrsched.train;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Evaluates the current network on the executors in one pass: each partition rebuilds the network from the
 * broadcast configuration and parameters, and returns its confusion matrix and loss sum. (DL4J's own
 * {@code evaluate} and {@code calculateScore} would take two passes for the same two numbers.)
 */
public final class DistributedEvaluator {

  private final JavaSparkContext sc;
  private final JavaRDD<DataSet> batches;
  private final int classes;
  private final TaskThreads threads;

  /**
   * @param sc the Spark context
   * @param batches the evaluation set as minibatches, cached by the caller
   * @param classes number of classes
   * @param threads native threads per evaluation task
   */
  public DistributedEvaluator(JavaSparkContext sc, JavaRDD<DataSet> batches, int classes, TaskThreads threads) {
    this.sc = sc;
    this.batches = batches;
    this.classes = classes;
    this.threads = threads;
  }

  /**
   * @param network the network to evaluate, as it is on the driver
   * @return the confusion matrix and loss over the whole set
   */
  public EvaluationResult evaluate(ComputationGraph network) {
    Broadcast<Snapshot> snapshot =
        sc.broadcast(new Snapshot(network.getConfiguration().toJson(), network.params().dup()));
    int k = classes;
    TaskThreads taskThreads = threads;
    try {
      List<EvaluationResult> parts =
          batches.mapPartitions((Iterator<DataSet> it) -> {
            taskThreads.apply();
            return List.of(evaluatePartition(snapshot.value(), it, k)).iterator();
          }).collect();
      EvaluationResult total = EvaluationResult.empty(classes);
      for (EvaluationResult part : parts) {
        total = total.plus(part);
      }
      return total;
    } finally {
      snapshot.destroy();
    }
  }

  private static EvaluationResult evaluatePartition(Snapshot snapshot, Iterator<DataSet> it, int classes) {
    EvaluationResult result = EvaluationResult.empty(classes);
    if (!it.hasNext()) {
      return result;
    }
    ComputationGraph net = snapshot.network();
    while (it.hasNext()) {
      DataSet batch = it.next();
      INDArray probabilities = net.outputSingle(false, batch.getFeatures());
      result = result.plus(score(probabilities, batch.getLabels(), classes));
    }
    return result;
  }

  /** Confusion counts and summed cross-entropy of one batch (probabilities clipped as Keras does, at 1e-7). */
  static EvaluationResult score(INDArray probabilities, INDArray labels, int classes) {
    long[][] confusion = new long[classes][classes];
    long[] predicted = probabilities.argMax(1).toLongVector();
    long[] actual = labels.argMax(1).toLongVector();
    for (int i = 0; i < predicted.length; i++) {
      confusion[(int) actual[i]][(int) predicted[i]]++;
    }
    INDArray clipped = Transforms.min(Transforms.max(probabilities, 1e-7, true), 1 - 1e-7, false);
    double loss = -Transforms.log(clipped, false).muli(labels).sumNumber().doubleValue();
    return new EvaluationResult(confusion, loss, predicted.length);
  }

  /** The network as shipped to executors: its configuration and a copy of its parameters. */
  record Snapshot(String configurationJson, INDArray parameters) implements Serializable {

    /** The network as it was on the driver, built where this is called (an executor). */
    ComputationGraph network() {
      ComputationGraph net = new ComputationGraph(ComputationGraphConfiguration.fromJson(configurationJson));
      net.init(parameters.dup(), false);
      return net;
    }
  }
}
