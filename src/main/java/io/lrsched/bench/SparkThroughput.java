package io.lrsched.bench;

import io.lrsched.config.TrainingSettings;
import io.lrsched.model.ResNet;
import io.lrsched.model.ResNetSpec;
import io.lrsched.train.SparkJobLabels;
import io.lrsched.train.TaskThreads;
import io.lrsched.train.TrainingMasters;
import io.lrsched.train.WorkerLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.time.SystemClockTimeSource;
import org.deeplearning4j.spark.time.TimeSourceProvider;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Training throughput through Spark with parameter averaging, laid out exactly as {@link ExperimentRunner} trains:
 * W workers, each taking {@code averagingFrequency} local steps of {@code globalBatch / W} images per round, one
 * DL4J {@code fit} per round. The images are random (speed does not depend on their content).
 */
public final class SparkThroughput {
  private SparkThroughput() {}

  /**
   * What one measurement found.
   *
   * @param workers parameter-averaging workers
   * @param globalBatch images per global step
   * @param averagingFrequency local steps per round
   * @param rounds timed rounds
   * @param seconds wall time of the timed rounds
   * @param split where a round's time goes
   */
  public record Result(int workers, int globalBatch, int averagingFrequency, int rounds, double seconds,
      RoundSplit split) {
    /** @return training images per second over the timed rounds, averaging included */
    public double imagesPerSecond() {
      return (double) rounds * averagingFrequency * globalBatch / seconds;
    }

    @Override
    public String toString() {
      return String.format(
          "spark: %d workers x %d images, averaging every %d steps: %.2f images/s (%d rounds in %.1f s)",
          workers, globalBatch / workers, averagingFrequency, imagesPerSecond(), rounds, seconds);
    }
  }

  /**
   * Measures after one warm-up round.
   *
   * @param sc a Spark context with at least {@code workers} task slots
   * @param spec the network
   * @param layout workers, global batch, averaging frequency
   * @param rounds timed rounds
   * @param training the experiment's training settings (worker prefetch, updater averaging), as a run uses them
   * @param seed the experiment's seed
   * @return the measurement
   */
  public static Result measure(JavaSparkContext sc, ResNetSpec spec, WorkerLayout layout, int rounds,
      TrainingSettings training, long seed) {
    List<DataSet> batches = new ArrayList<>();
    for (int i = 0; i < layout.workers() * layout.averagingFrequency(); i++) {
      batches.add(ModelBenchmark.syntheticBatch(spec, layout.batchPerWorker()));
    }
    // parallelize slices evenly: partition w holds exactly its `averagingFrequency` minibatches.
    JavaRDD<DataSet> round =
        sc.parallelize(batches, layout.workers())
            .persist(StorageLevel.MEMORY_ONLY());
    SparkJobLabels jobs = new SparkJobLabels(sc, "bench", "spark training");
    jobs.label("caching " + batches.size() + " synthetic minibatches");
    round.count();
    SparkComputationGraph net =
        new SparkComputationGraph(sc, ResNet.init(spec),
            TrainingMasters.parameterAveraging(layout, training.workerPrefetch(), training.saveUpdater(), seed,
                TaskThreads.forWorkers(sc, layout.workers())));
    jobs.label("warm-up round");
    net.fit(round);
    // DL4J's statistics time events with an NTP-corrected clock by default, which queries a public NTP server (and
    // fails without network); in local mode every worker shares this JVM's clock, so the system clock is exact.
    if (System.getProperty(TimeSourceProvider.TIMESOURCE_CLASSNAME_PROPERTY) == null) {
      System.setProperty(TimeSourceProvider.TIMESOURCE_CLASSNAME_PROPERTY, SystemClockTimeSource.class.getName());
    }
    net.setCollectTrainingStats(true); // the timed rounds only
    long start = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      jobs.label("timed round " + (r + 1) + "/" + rounds);
      net.fit(round);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    RoundSplit split = RoundSplit.of(net.getSparkTrainingStats(), rounds, layout.workers(), 1000 * seconds / rounds);
    round.unpersist(false);
    return new Result(layout.workers(), layout.globalBatch(), layout.averagingFrequency(), rounds, seconds, split);
  }
}
