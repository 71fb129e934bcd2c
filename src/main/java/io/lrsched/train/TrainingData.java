package io.lrsched.train;

import io.lrsched.config.DataSettings;
import io.lrsched.data.ImageSource;
import io.lrsched.data.ImageSources;
import io.lrsched.data.LabeledImage;
import io.lrsched.data.Minibatches;
import io.lrsched.data.Split;
import io.lrsched.data.Subsets;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The experiment's images, read on the executors and cached there: the training split indexed 0..n-1 (so each epoch
 * can shuffle it by position) and the test split as evaluation minibatches.
 *
 * @param classNames class names in label order
 * @param train training images, cached
 * @param trainIndexed training images with their index
 * @param trainCount number of training images
 * @param testBatches test minibatches
 * @param testCount number of test images
 * @param description where the images came from, for the log
 */
public record TrainingData(
    List<String> classNames,
    JavaRDD<LabeledImage> train,
    JavaPairRDD<LabeledImage, Long> trainIndexed,
    int trainCount,
    JavaRDD<DataSet> testBatches,
    long testCount,
    String description) {

  /** Images per evaluation minibatch: inference needs no small batches. */
  private static final int EVAL_BATCH = 256;

  static TrainingData load(JavaSparkContext sc, DataSettings settings, long seed, boolean channelsLast) {
    int partitions = settings.partitions() > 0 ? settings.partitions() : sc.defaultParallelism();
    ImageSource source =
        ImageSources.create(settings.source(), settings.path(), partitions, seed,
            settings.syntheticTrainSize(), settings.syntheticTestSize());
    List<String> classNames = source.classNames(sc);
    JavaRDD<LabeledImage> train =
        subset(source.load(sc, Split.TRAIN), settings.trainSubset(), seed);
    JavaRDD<LabeledImage> test =
        subset(source.load(sc, Split.TEST), settings.testSubset(), seed + 1);

    // Decoded once, kept in executor memory; zipWithIndex's own counting job fills the cache.
    JavaRDD<LabeledImage> cachedTrain = train.persist(StorageLevel.MEMORY_ONLY());
    JavaPairRDD<LabeledImage, Long> indexed = cachedTrain.zipWithIndex();
    long trainCount = cachedTrain.count();
    if (trainCount == 0) {
      throw new RunFailure(source.describe() + ": the training split is empty");
    }
    TestSplit testSplit = testSplit(source, test, classNames, seed, channelsLast);
    return new TrainingData(classNames, cachedTrain, indexed, (int) trainCount, testSplit.batches(),
        testSplit.count(), source.describe());
  }

  /**
   * A data set's test split alone, as evaluation minibatches (cached).
   *
   * @param classNames class names in label order
   * @param batches the test minibatches, cached
   * @param count number of test images
   * @param description where the images came from
   */
  record TestSplit(List<String> classNames, JavaRDD<DataSet> batches, long count, String description) {}

  /** Loads only the test split, batched exactly as {@link #load} batches it, for evaluating a saved model. */
  static TestSplit loadTest(JavaSparkContext sc, DataSettings settings, long seed, boolean channelsLast) {
    int partitions = settings.partitions() > 0 ? settings.partitions() : sc.defaultParallelism();
    ImageSource source =
        ImageSources.create(settings.source(), settings.path(), partitions, seed,
            settings.syntheticTrainSize(), settings.syntheticTestSize());
    JavaRDD<LabeledImage> test =
        subset(source.load(sc, Split.TEST), settings.testSubset(), seed + 1);
    return testSplit(source, test, source.classNames(sc), seed, channelsLast);
  }

  private static TestSplit testSplit(
      ImageSource source, JavaRDD<LabeledImage> test, List<String> classNames, long seed, boolean channelsLast) {
    JavaRDD<DataSet> testBatches =
        Minibatches.toDataSets(test, EVAL_BATCH, channelsLast, classNames.size(), seed)
            .persist(StorageLevel.MEMORY_ONLY());
    long testCount = testBatches.map(DataSet::numExamples).fold(0, Integer::sum);
    if (testCount == 0) {
      throw new RunFailure(source.describe() + ": the test split is empty");
    }
    return new TestSplit(classNames, testBatches, testCount, source.describe());
  }

  private static JavaRDD<LabeledImage> subset(JavaRDD<LabeledImage> images, int size, long seed) {
    return size > 0 ? Subsets.random(images, size, seed) : images;
  }

  /** Drops the cached data. */
  void release() {
    train.unpersist(false);
    testBatches.unpersist(false);
  }
}
