package io.lrsched.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A small, learnable, CIFAR-shaped data set for tests and smoke runs, so the whole pipeline can run without the
 * real data. Each class has a prototype (its own hue and a stripe/checker pattern at its own frequency); an image
 * is its class prototype with a seeded brightness shift and per-pixel noise, so a tiny CNN separates the classes
 * well above chance within a couple of epochs while the task is not a constant lookup.
 *
 * <p>Image {@code i} of a split is a pure function of (seed, split, i), with label {@code i mod numClasses}: the
 * data set is identical whatever the partitioning. It is generated on the executors; the driver only parallelizes
 * the partition numbers.
 */
public final class SyntheticSource implements ImageSource {
  private static final long serialVersionUID = 1L;

  /** Noise amplitude (pixel levels, uniform in +-NOISE) and brightness shift range: hard enough to need learning. */
  private static final int NOISE = 48;

  private static final int SHIFT = 32;

  private final int trainSize;
  private final int testSize;
  private final int numClasses;
  private final long seed;
  private final int partitions;
  private final int side;

  /**
   * @param trainSize images in the training split, at least 1
   * @param testSize images in the test split, at least 1
   * @param numClasses classes, 2 to 256
   * @param seed generator seed
   * @param partitions partitions of each loaded split; 0 means the context's default parallelism
   */
  public SyntheticSource(int trainSize, int testSize, int numClasses, long seed, int partitions) {
    this(trainSize, testSize, numClasses, seed, partitions, LabeledImage.CIFAR_SIDE);
  }

  /**
   * @param trainSize images in the training split, at least 1
   * @param testSize images in the test split, at least 1
   * @param numClasses classes, 2 to 256
   * @param seed generator seed
   * @param partitions partitions of each loaded split; 0 means the context's default parallelism
   * @param side width and height of the generated images in pixels, at least 1
   */
  public SyntheticSource(int trainSize, int testSize, int numClasses, long seed, int partitions, int side) {
    if (trainSize < 1 || testSize < 1) {
      throw new IllegalArgumentException(
          "synthetic train and test sizes must be >= 1, got train=" + trainSize + ", test=" + testSize);
    }
    if (numClasses < 2 || numClasses > 256) {
      throw new IllegalArgumentException("synthetic numClasses must be in [2, 256], got " + numClasses);
    }
    this.trainSize = trainSize;
    this.testSize = testSize;
    this.numClasses = numClasses;
    this.seed = seed;
    this.partitions = SparkInputs.checkPartitions(partitions);
    if (side < 1) {
      throw new IllegalArgumentException("synthetic image side must be >= 1, got " + side);
    }
    this.side = side;
  }

  /** Size of one split. */
  public int size(Split split) {
    return split == Split.TRAIN ? trainSize : testSize;
  }

  @Override
  public JavaRDD<LabeledImage> load(JavaSparkContext sc, Split split) {
    int p = SparkInputs.partitions(sc, partitions);
    long n = size(split);
    long s = seed;
    int k = numClasses;
    int d = side;
    List<Integer> slices = IntStream.range(0, p).boxed().collect(Collectors.toList());
    return sc.parallelize(slices, p).flatMap(slice -> range(s, split, k, d, n * slice / p, n * (slice + 1) / p));
  }

  private static Iterator<LabeledImage> range(
      long seed, Split split, int numClasses, int side, long from, long to) {
    return new Iterator<>() {
      private long next = from;

      @Override
      public boolean hasNext() {
        return next < to;
      }

      @Override
      public LabeledImage next() {
        if (next >= to) {
          throw new NoSuchElementException();
        }
        return image(seed, split, numClasses, side, next++);
      }
    };
  }

  /** Image {@code index} of a split: a pure function of its arguments. */
  static LabeledImage image(long seed, Split split, int numClasses, int side, long index) {
    int label = (int) (index % numClasses);
    long splitSeed = ContentHash.mix(seed + (split.ordinal() + 1L) * 0x632BE59BD9B4E019L);
    SplittableRandom rnd = new SplittableRandom(ContentHash.mix(splitSeed + index * 0x9E3779B97F4A7C15L));
    int[] rgb = prototypeColour(label, numClasses);
    int shift = rnd.nextInt(2 * SHIFT + 1) - SHIFT;
    byte[] pixels = new byte[LabeledImage.CHANNELS * side * side];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        double weight = 0.55 + 0.45 * pattern(label, x, y);
        for (int c = 0; c < LabeledImage.CHANNELS; c++) {
          int v = (int) Math.round(rgb[c] * weight) + shift + rnd.nextInt(2 * NOISE + 1) - NOISE;
          pixels[(c * side + y) * side + x] = (byte) Math.max(0, Math.min(255, v));
        }
      }
    }
    return LabeledImage.wrap(label, pixels);
  }

  /** A saturated colour whose hue is spread evenly over the classes. */
  private static int[] prototypeColour(int label, int numClasses) {
    double h = 6.0 * label / numClasses;
    int sector = (int) h;
    double f = h - sector;
    double v = 230;
    double lo = 40;
    double up = lo + (v - lo) * f;
    double down = v - (v - lo) * f;
    double[][] table = {{v, up, lo}, {down, v, lo}, {lo, v, up}, {lo, down, v}, {up, lo, v}, {v, lo, down}};
    double[] c = table[sector % 6];
    return new int[] {(int) c[0], (int) c[1], (int) c[2]};
  }

  /** Pattern in [0, 1]: horizontal, vertical, diagonal stripes or a checkerboard, frequency by class. */
  private static double pattern(int label, int x, int y) {
    int period = 4 + 2 * ((label / 4) % 3);
    boolean on;
    switch (label % 4) {
      case 0 -> on = (y / (period / 2)) % 2 == 0;
      case 1 -> on = (x / (period / 2)) % 2 == 0;
      case 2 -> on = ((x + y) / (period / 2)) % 2 == 0;
      default -> on = ((x / (period / 2)) + (y / (period / 2))) % 2 == 0;
    }
    return on ? 1.0 : 0.0;
  }

  @Override
  public List<String> classNames(JavaSparkContext sc) {
    List<String> names = new ArrayList<>(numClasses);
    for (int i = 0; i < numClasses; i++) {
      names.add("class-" + i);
    }
    return List.copyOf(names);
  }

  @Override
  public String describe() {
    return "synthetic train=" + trainSize + ", test=" + testSize + ", classes=" + numClasses + ", " + side + "x" + side
        + ", seed=" + seed
        + ", partitions=" + (partitions == 0 ? "default" : partitions);
  }

  @Override
  public String toString() {
    return describe();
  }
}
