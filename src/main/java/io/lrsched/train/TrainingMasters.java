package io.lrsched.train;

import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/** The one place that configures DL4J's parameter averaging, for training and for the benchmark alike. */
public final class TrainingMasters {
  private TrainingMasters() {}

  /**
   * @param layout workers, global batch and averaging frequency
   * @param prefetch minibatches each worker prefetches
   * @param saveUpdater whether momentum is averaged with the parameters (DL4J's default false resets it)
   * @param seed DL4J's own RNG seed
   * @param hooks worker-side hooks (the LR hook), may be empty
   * @return a master that trains one averaging round per {@code fit} call on data already laid out per worker
   */
  public static ParameterAveragingTrainingMaster parameterAveraging(
      WorkerLayout layout, int prefetch, boolean saveUpdater, long seed, TrainingHook... hooks) {
    ParameterAveragingTrainingMaster.Builder builder =
        new ParameterAveragingTrainingMaster.Builder(layout.workers(), layout.batchPerWorker())
            .batchSizePerWorker(layout.batchPerWorker())
            .averagingFrequency(layout.averagingFrequency())
            .workerPrefetchNumBatches(prefetch)
            .saveUpdater(saveUpdater)
            // Each round's RDD is already one partition per worker, each holding exactly its local steps.
            .repartionData(Repartition.Never)
            // Direct: DL4J's Export approach refuses a local default filesystem on a cluster, and needs none here.
            .rddTrainingApproach(RDDTrainingApproach.Direct)
            // The round's data is derived from a cached layout; caching it again would leak a copy per round.
            .storageLevel(null)
            .rngSeed(seed);
    if (hooks.length > 0) {
      builder.trainingHooks(hooks);
    }
    return builder.build();
  }
}
