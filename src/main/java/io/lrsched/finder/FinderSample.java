package io.lrsched.finder;

import io.lrsched.config.DataSettings;
import io.lrsched.data.BadInputException;
import io.lrsched.data.Decoded;
import io.lrsched.data.ImageSource;
import io.lrsched.data.LabeledImage;
import io.lrsched.data.Normalization;
import io.lrsched.data.Split;
import io.lrsched.data.Subsets;
import io.lrsched.train.RunFailure;
import io.lrsched.train.TrainingData;
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
    ImageSource source = TrainingData.source(sc, settings, seed);
    List<String> classNames = source.classNames(sc);
    boolean skip = settings.skipBadImages();
    JavaRDD<LabeledImage> train = source.read(sc, Split.TRAIN)
        .filter(d -> {
          if (d.isBad() && !skip) {
            throw new BadInputException(d.problem());
          }
          return !d.isBad();
        })
        .map(Decoded::image)
        .persist(StorageLevel.MEMORY_ONLY());
    try {
      // Same subset and seed as TrainingData, so the sweep sees the experiment's training images.
      JavaRDD<LabeledImage> subset =
          settings.trainSubset() > 0 ? Subsets.random(train, settings.trainSubset(), seed) : train;
      List<LabeledImage> images = Subsets.random(subset, maxImages, seed + 2).collect();
      // Measured on the training images the experiment uses, as training does.
      Normalization normalization = settings.normalize().equals(Normalization.STANDARDIZE)
          ? Normalization.measure(subset)
          : Normalization.unit();
      if (images.isEmpty()) {
        throw new RunFailure(source.describe() + ": the training split is empty");
      }
      return new Loaded(List.copyOf(images), classNames, normalization, source.describe());
    } finally {
      train.unpersist(false);
    }
  }

  /**
   * @param images the sampled training images
   * @param classNames the data's classes in label order
   * @param normalization how pixel bytes become inputs
   * @param description where they came from
   */
  record Loaded(
      List<LabeledImage> images, List<String> classNames, Normalization normalization, String description) {}
}
