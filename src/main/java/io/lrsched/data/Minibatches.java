package io.lrsched.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

/**
 * Turns images into DL4J minibatches the way the tutorial feeds Keras: pixels as float32 through a
 * {@link Normalization} ({@code unit}: scaled to [0, 1], the tutorial's choice), labels one-hot, a fresh seeded
 * shuffle per call (pass a per-epoch seed).
 *
 * <p>Layout is NCHW {@code [b, 3, s, s]} (DL4J's default for convolutions) or NHWC {@code [b, s, s, 3]} when
 * {@code channelsLast}. Conversion fills one {@code float[]} and makes a single {@code Nd4j.create} per batch:
 * per-element puts into an INDArray are orders of magnitude slower.
 */
public final class Minibatches {
  private Minibatches() {}

  /**
   * Shuffles the images with a seeded key (over all partitions, keeping the partition count) and groups each
   * partition into DataSets of exactly {@code batchSize} examples, except at most one smaller one per partition.
   *
   * @param batchSize examples per DataSet, at least 1
   * @param channelsLast NHWC instead of NCHW features
   * @param numClasses width of the one-hot labels; every label must be below it
   * @param shuffleSeed seed of the shuffle; the same seed and images give the same batches
   * @param normalization how pixel bytes become inputs
   */
  public static JavaRDD<DataSet> toDataSets(
      JavaRDD<LabeledImage> images, int batchSize, boolean channelsLast, int numClasses, long shuffleSeed,
      Normalization normalization) {
    checkBatchSize(batchSize);
    checkNumClasses(numClasses);
    long seed = shuffleSeed ^ ContentHash.SHUFFLE_SALT;
    int partitions = Math.max(1, images.getNumPartitions());
    // Keying by content hash (not position) makes the shuffle independent of how the input was partitioned.
    return images
        .mapToPair(image -> new Tuple2<>(ContentHash.of(seed, image), image))
        .repartitionAndSortWithinPartitions(new HashPartitioner(partitions))
        .values()
        .mapPartitions(it -> batches(it, batchSize, channelsLast, numClasses, normalization));
  }

  private static Iterator<DataSet> batches(
      Iterator<LabeledImage> it, int batchSize, boolean channelsLast, int numClasses, Normalization normalization) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public DataSet next() {
        if (!it.hasNext()) {
          throw new NoSuchElementException();
        }
        List<LabeledImage> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && it.hasNext()) {
          batch.add(it.next());
        }
        return toDataSet(batch, channelsLast, numClasses, normalization);
      }
    };
  }

  /**
   * One DataSet holding the given images in order, in the same layout as {@link #toDataSets}.
   *
   * @param images at least one image, all of one size
   * @param normalization how pixel bytes become inputs
   */
  public static DataSet toDataSet(
      List<LabeledImage> images, boolean channelsLast, int numClasses, Normalization normalization) {
    checkNumClasses(numClasses);
    if (images.isEmpty()) {
      throw new IllegalArgumentException("a DataSet needs at least one image");
    }
    int b = images.size();
    int side = images.get(0).side();
    int bytes = LabeledImage.CHANNELS * side * side;
    float[] features = new float[b * bytes];
    float[] labels = new float[b * numClasses];
    for (int i = 0; i < b; i++) {
      LabeledImage image = images.get(i);
      if (image.label() >= numClasses) {
        throw new IllegalArgumentException(
            "label " + image.label() + " does not fit numClasses=" + numClasses + " (labels are 0.." + (numClasses - 1)
                + ")");
      }
      if (image.side() != side) {
        throw new IllegalArgumentException(
            "images of one minibatch must have one size, got " + side + " and " + image.side());
      }
      labels[i * numClasses + image.label()] = 1f;
      if (channelsLast) {
        fillHwc(image.rawPixels(), features, i * bytes, normalization);
      } else {
        fillChw(image.rawPixels(), features, i * bytes, normalization);
      }
    }
    long[] shape = channelsLast
        ? new long[] {b, side, side, LabeledImage.CHANNELS}
        : new long[] {b, LabeledImage.CHANNELS, side, side};
    INDArray f = Nd4j.create(features, shape, 'c');
    INDArray l = Nd4j.create(labels, new long[] {b, numClasses}, 'c');
    return new DataSet(f, l);
  }

  private static void fillChw(byte[] chw, float[] out, int offset, Normalization normalization) {
    int planeSize = chw.length / LabeledImage.CHANNELS;
    for (int c = 0; c < LabeledImage.CHANNELS; c++) {
      int plane = c * planeSize;
      for (int yx = 0; yx < planeSize; yx++) {
        out[offset + plane + yx] = normalization.apply(c, chw[plane + yx]);
      }
    }
  }

  private static void fillHwc(byte[] chw, float[] out, int offset, Normalization normalization) {
    int planeSize = chw.length / LabeledImage.CHANNELS;
    for (int c = 0; c < LabeledImage.CHANNELS; c++) {
      int plane = c * planeSize;
      for (int yx = 0; yx < planeSize; yx++) {
        out[offset + yx * LabeledImage.CHANNELS + c] = normalization.apply(c, chw[plane + yx]);
      }
    }
  }

  private static void checkBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
  }

  private static void checkNumClasses(int numClasses) {
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
    }
  }
}
