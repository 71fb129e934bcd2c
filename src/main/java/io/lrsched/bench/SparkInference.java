package io.lrsched.bench;

import io.lrsched.model.ResNet;
import io.lrsched.model.ResNetSpec;
import io.lrsched.train.DistributedEvaluator;
import io.lrsched.train.EvaluationResult;
import io.lrsched.train.SparkJobLabels;
import io.lrsched.train.TaskThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Inference throughput as training's evaluation runs it after every epoch: the test set cached as minibatches in one
 * partition per worker, the network broadcast, each task rebuilding it and scoring its batches with the task's share
 * of the cores ({@link DistributedEvaluator}). The images are random (speed does not depend on their content).
 */
public final class SparkInference {
  private SparkInference() {}

  /**
   * Measures after one untimed pass.
   *
   * @param sc a Spark context with at least {@code workers} task slots
   * @param spec the network
   * @param workers partitions of the evaluation set, evaluated at once
   * @param batch images per minibatch
   * @param batchesPerWorker minibatches in each partition
   * @param passes timed passes over the set
   * @return one line: the images each pass scored, and images per second over the timed passes, broadcast and
   *     network rebuild included
   */
  public static String measure(JavaSparkContext sc, ResNetSpec spec, int workers, int batch, int batchesPerWorker,
      int passes) {
    List<DataSet> batches = new ArrayList<>();
    for (int i = 0; i < workers * batchesPerWorker; i++) {
      batches.add(ModelBenchmark.syntheticBatch(spec, batch));
    }
    JavaRDD<DataSet> set = sc.parallelize(batches, workers).persist(StorageLevel.MEMORY_ONLY());
    SparkJobLabels jobs = new SparkJobLabels(sc, "bench", "spark inference");
    jobs.label("caching " + batches.size() + " synthetic minibatches");
    set.count();
    ComputationGraph network = ResNet.init(spec);
    DistributedEvaluator evaluator =
        new DistributedEvaluator(sc, set, spec.classes(), TaskThreads.forWorkers(sc, workers));
    jobs.label("warm-up pass");
    evaluator.evaluate(network);
    long images = 0;
    long start = System.nanoTime();
    for (int p = 0; p < passes; p++) {
      jobs.label("timed pass " + (p + 1) + "/" + passes);
      EvaluationResult result = evaluator.evaluate(network);
      images += result.examples();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    set.unpersist(false);
    return String.format(Locale.ROOT, "spark inference: %d workers, %d images per pass as training evaluates: %.2f"
        + " images/s (%d passes in %.1f s)", workers, images / passes, images / seconds, passes, seconds);
  }
}
