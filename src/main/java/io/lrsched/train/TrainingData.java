package io.lrsched.train;

import io.lrsched.config.DataSettings;
import io.lrsched.config.TableSettings;
import io.lrsched.data.Augmentation;
import io.lrsched.data.BadInputException;
import io.lrsched.data.Decoded;
import io.lrsched.data.ImageFit;
import io.lrsched.data.ImageSource;
import io.lrsched.data.ImageSources;
import io.lrsched.data.LabeledImage;
import io.lrsched.data.Minibatches;
import io.lrsched.data.ModelInput;
import io.lrsched.data.Normalization;
import io.lrsched.data.Split;
import io.lrsched.data.Subsets;
import io.lrsched.data.TableSpec;
import io.lrsched.data.ValidationSplit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.nd4j.linalg.dataset.DataSet;
import scala.Tuple2;

/**
 * The experiment's images, read and decoded on the executors exactly once and cached there: the training split
 * indexed 0..n-1 (so each epoch can shuffle it by position), the validation set and the test split as evaluation
 * minibatches, all normalised as configured; with what a model trained on them needs to know ({@link ModelInput}).
 * The validation set is the test split itself (the tutorial's way) unless {@code data.validation-split} holds part of
 * the training split out for it (then it is never trained on, and the normalisation is measured without it).
 *
 * @param input class names, input size and normalisation
 * @param train training images, cached
 * @param trainIndexed training images with their index
 * @param trainCount number of training images
 * @param testBatches test minibatches, normalised
 * @param testCount number of test images
 * @param validationBatches validation minibatches, normalised: the test batches unless held out of training
 * @param validationCount number of validation images
 * @param augmentation what happens to the training images each epoch
 * @param skippedCount files left out with {@code data.on-bad-image = skip}
 * @param skippedExamples the first of them, one line each (file and problem)
 * @param decodedImages images decoded while loading (each file once, whatever the subsets)
 * @param description where the images came from, for the log
 */
public record TrainingData(
    ModelInput input,
    JavaRDD<LabeledImage> train,
    JavaPairRDD<LabeledImage, Long> trainIndexed,
    int trainCount,
    JavaRDD<DataSet> testBatches,
    long testCount,
    JavaRDD<DataSet> validationBatches,
    long validationCount,
    Augmentation augmentation,
    long skippedCount,
    List<String> skippedExamples,
    long decodedImages,
    String description) {

  /** Images per evaluation minibatch: inference needs no small batches. */
  private static final int EVAL_BATCH = 256;

  /** Bad files listed in the log when skipping; the rest are counted. */
  private static final int SKIPPED_SHOWN = 20;

  /** The class names in label order. */
  public List<String> classNames() {
    return input.classNames();
  }

  /** The experiment's data source, as configured (also the LR finder's). */
  public static ImageSource source(JavaSparkContext sc, DataSettings settings, long seed) {
    return source(sc, settings, seed, settings.imageSize());
  }

  private static ImageSource source(JavaSparkContext sc, DataSettings settings, long seed, int imageSize) {
    int partitions = settings.partitions() > 0 ? settings.partitions() : sc.defaultParallelism();
    ImageFit fit = new ImageFit(imageSize, ImageFit.Resize.of(settings.resize()));
    return ImageSources.create(settings.source(), settings.path(), partitions, seed,
        settings.syntheticTrainSize(), settings.syntheticTestSize(), settings.syntheticClasses(), fit,
        settings.skipBadImages(),
        settings.source().equals(ImageSources.TABLE) ? tableSpec(settings, settings.path()) : null);
  }

  /** The {@code data.table} settings for the table at {@code path}. */
  static TableSpec tableSpec(DataSettings settings, String path) {
    TableSettings t = settings.table();
    return new TableSpec(t.format(), path, t.testPath(), t.imageColumn(), t.labelColumn(), t.keyColumn(),
        t.splitColumn(), t.classes());
  }

  static TrainingData load(JavaSparkContext sc, DataSettings settings, long seed, boolean channelsLast) {
    ImageSource source = source(sc, settings, seed);
    List<String> classNames = source.classNames(sc);
    List<String> skipped = new ArrayList<>(source.skippedAtListing());
    long[] skippedCount = {skipped.size()};
    LongAccumulator decodes = sc.sc().longAccumulator("lrsched-decoded-images");

    JavaRDD<LabeledImage> decodedTrain =
        decodeOnce(source, sc, Split.TRAIN, settings, settings.trainSubset(), seed, decodes, skipped,
            skippedCount);
    JavaRDD<LabeledImage> heldOut = null;
    JavaRDD<LabeledImage> cachedTrain = decodedTrain;
    if (settings.holdsOutValidation()) {
      JavaPairRDD<LabeledImage, Long> all = decodedTrain.zipWithIndex();
      BitSet chosen = heldOut(all, settings.validationSplit(), seed);
      heldOut = all.filter(p -> chosen.get(p._2().intValue())).keys().persist(StorageLevel.MEMORY_ONLY());
      cachedTrain = all.filter(p -> !chosen.get(p._2().intValue())).keys().persist(StorageLevel.MEMORY_ONLY());
      cachedTrain.count();
      decodedTrain.unpersist(false);
    }
    JavaPairRDD<LabeledImage, Long> indexed = cachedTrain.zipWithIndex();
    long trainCount = cachedTrain.count();
    if (trainCount == 0) {
      throw new RunFailure(source.describe() + ": the training split is empty");
    }
    Normalization normalization = settings.normalize().equals(Normalization.STANDARDIZE)
        ? Normalization.measure(cachedTrain)
        : Normalization.unit();

    JavaRDD<LabeledImage> test =
        decodeOnce(source, sc, Split.TEST, settings, settings.testSubset(), seed + 1, decodes, skipped,
            skippedCount);
    TestSplit testSplit = testSplit(source, test, classNames, seed, channelsLast, normalization);
    TestSplit validation = heldOut == null ? testSplit
        : evaluationBatches(source, heldOut, classNames, seed, channelsLast, normalization, "validation set (data"
            + ".validation-split = " + settings.validationSplit() + " of the training images)");
    Augmentation augmentation = settings.augment()
        ? Augmentation.cropAndFlip(settings.augmentPadding(), seed)
        : Augmentation.off();
    ModelInput input = new ModelInput(classNames, settings.imageSize(), settings.resize(), normalization);
    return new TrainingData(input, cachedTrain, indexed, (int) trainCount, testSplit.batches(), testSplit.count(),
        validation.batches(), validation.count(), augmentation, skippedCount[0], List.copyOf(skipped.subList(0, Math.min(SKIPPED_SHOWN, skipped.size()))),
        decodes.value(), source.describe());
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

  /**
   * Loads only the test split, decoded and batched exactly as {@link #load} does, for evaluating a saved model.
   *
   * @param imageSize the model's input size (images are fitted to it with the configured {@code data.resize})
   * @param normalization the normalisation the model was trained with
   */
  static TestSplit loadTest(JavaSparkContext sc, DataSettings settings, long seed, boolean channelsLast,
      int imageSize, Normalization normalization) {
    ImageSource source = source(sc, settings, seed, imageSize);
    List<String> classNames = source.classNames(sc);
    JavaRDD<LabeledImage> test = decodeOnce(source, sc, Split.TEST, settings, settings.testSubset(), seed + 1,
        sc.sc().longAccumulator("lrsched-decoded-images"), new ArrayList<>(), new long[1]);
    return testSplit(source, test, classNames, seed, channelsLast, normalization);
  }

  private static TestSplit testSplit(ImageSource source, JavaRDD<LabeledImage> test, List<String> classNames,
      long seed, boolean channelsLast, Normalization normalization) {
    return evaluationBatches(source, test, classNames, seed, channelsLast, normalization, "test split");
  }

  private static TestSplit evaluationBatches(ImageSource source, JavaRDD<LabeledImage> images,
      List<String> classNames, long seed, boolean channelsLast, Normalization normalization, String what) {
    JavaRDD<DataSet> batches =
        Minibatches.toDataSets(images, EVAL_BATCH, channelsLast, classNames.size(), seed, normalization)
            .persist(StorageLevel.MEMORY_ONLY());
    long count = batches.map(DataSet::numExamples).fold(0, Integer::sum);
    images.unpersist(false); // the batches hold the images now
    if (count == 0) {
      throw new RunFailure(source.describe() + ": the " + what + " is empty");
    }
    return new TestSplit(classNames, batches, count, source.describe());
  }

  /** The training indices {@link ValidationSplit} holds out, from the labels gathered on the driver (ints only). */
  private static BitSet heldOut(JavaPairRDD<LabeledImage, Long> indexed, double fraction, long seed) {
    List<Tuple2<Long, Integer>> labels = indexed.mapToPair(p -> new Tuple2<>(p._2(), p._1().label())).collect();
    int[] byIndex = new int[labels.size()];
    labels.forEach(l -> byIndex[l._1().intValue()] = l._2());
    return ValidationSplit.choose(byIndex, fraction, seed);
  }

  /**
   * Decodes a split once into a cache, fails on its first bad file or skips them (adding them to
   * {@code skipped} and {@code skippedCount[0]}), takes the seeded subset from the cache, and caches the result.
   */
  private static JavaRDD<LabeledImage> decodeOnce(
      ImageSource source, JavaSparkContext sc, Split split, DataSettings settings, int subset, long seed,
      LongAccumulator decodes, List<String> skipped, long[] skippedCount) {
    JavaRDD<Decoded> decoded = source.read(sc, split)
        .map(d -> {
          decodes.add(1);
          return d;
        })
        .persist(StorageLevel.MEMORY_ONLY());
    try {
      long bad = decoded.filter(Decoded::isBad).count(); // decodes everything into the cache
      if (bad > 0) {
        List<String> problems = decoded.filter(Decoded::isBad).map(Decoded::problem).takeOrdered(
            settings.skipBadImages() ? SKIPPED_SHOWN : 1);
        if (!settings.skipBadImages()) {
          throw new BadInputException(problems.get(0) + " (data.on-bad-image = skip leaves such files out)");
        }
        skipped.addAll(problems);
        skippedCount[0] += bad;
      }
      JavaRDD<LabeledImage> images = decoded.filter(d -> !d.isBad()).map(Decoded::image);
      JavaRDD<LabeledImage> chosen = subset > 0 ? Subsets.random(images, subset, seed) : images;
      JavaRDD<LabeledImage> cached = chosen.persist(StorageLevel.MEMORY_ONLY());
      cached.count();
      return cached;
    } finally {
      decoded.unpersist(false);
    }
  }

  /** Drops the cached data. */
  void release() {
    train.unpersist(false);
    testBatches.unpersist(false);
    validationBatches.unpersist(false);
  }
}
