package io.lrsched.finder;

import io.lrsched.config.DataSettings;
import io.lrsched.data.ImageSource;
import io.lrsched.data.ImageSources;
import io.lrsched.data.LabeledImage;
import io.lrsched.data.Split;
import io.lrsched.data.Subsets;
import io.lrsched.train.RunFailure;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * The training images a range test uses, brought to the driver: read on the executors through the experiment's own
 * data source, cut to the experiment's training subset (the same seeded subset training uses), then to a seeded
 * sample of at most the images the sweep consumes. Only that sample reaches the driver, never the whole data set.
 */
final class FinderSample {
  private FinderSample() {}

  /**
   * @param maxImages images wanted at most (the sweep's minibatches times the batch size)
   * @return the sample, with the source's description
   * @throws RunFailure if the training split is empty
   */
  static Loaded load(JavaSparkContext sc, DataSettings settings, long seed, int maxImages) {
    int partitions = settings.partitions() > 0 ? settings.partitions() : sc.defaultParallelism();
    ImageSource source =
        ImageSources.create(settings.source(), settings.path(), partitions, seed,
            settings.syntheticTrainSize(), settings.syntheticTestSize());
    JavaRDD<LabeledImage> train = source.load(sc, Split.TRAIN).persist(StorageLevel.MEMORY_ONLY());
    try {
      // Same subset and seed as TrainingData, so the sweep sees the experiment's training images.
      JavaRDD<LabeledImage> subset =
          settings.trainSubset() > 0 ? Subsets.random(train, settings.trainSubset(), seed) : train;
      List<LabeledImage> images = Subsets.random(subset, maxImages, seed + 2).collect();
      if (images.isEmpty()) {
        throw new RunFailure(source.describe() + ": the training split is empty");
      }
      return new Loaded(List.copyOf(images), source.describe());
    } finally {
      train.unpersist(false);
    }
  }

  /**
   * @param images the sampled training images
   * @param description where they came from
   */
  record Loaded(List<LabeledImage> images, String description) {}
}
