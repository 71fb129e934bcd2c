package io.lrsched.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** Evaluation on real Spark (local[2], two partitions) of a network whose answers are known by hand. */
class DistributedEvaluatorIT {
  private static JavaSparkContext sc;

  @BeforeAll
  static void startSpark() {
    sc = LocalSpark.start("DistributedEvaluatorIT");
  }

  @AfterAll
  static void stopSpark() {
    if (sc != null) {
      sc.stop();
    }
  }

  @Test
  void shouldGiveTheExactConfusionAccuracyAndLossOfAKnownCase() {
    // two minibatches, one per partition: rows 0-2 and row 3
    List<DataSet> batches = List.of(
        new DataSet(TinyGraph.rows(TinyGraph.X, 0, 3), TinyGraph.rows(TinyGraph.LABELS, 0, 3)),
        new DataSet(TinyGraph.rows(TinyGraph.X, 3, 4), TinyGraph.rows(TinyGraph.LABELS, 3, 4)));
    JavaRDD<DataSet> rdd = sc.parallelize(batches, 2).cache();

    EvaluationResult result = new DistributedEvaluator(sc, rdd, 2, new TaskThreads(1)).evaluate(TinyGraph.create());

    assertArrayEquals(new long[] {0, 2}, result.confusion()[0]);
    assertArrayEquals(new long[] {1, 1}, result.confusion()[1]);
    assertEquals(4, result.examples());
    assertEquals(0.25, result.accuracy(), 0);
    double loss = 0;
    int[] labels = {0, 0, 1, 1};
    for (int i = 0; i < 4; i++) {
      loss += TinyGraph.crossEntropy(TinyGraph.LOGITS[i], labels[i]);
    }
    assertEquals(loss / 4, result.meanLoss(), 1e-5, "float32 network against double arithmetic");
  }
}
