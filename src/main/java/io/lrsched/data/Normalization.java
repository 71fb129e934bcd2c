package io.lrsched.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * How pixel bytes become network inputs ({@code data.normalize}): {@code unit} scales to [0, 1] as the tutorial
 * does; {@code standardize} then subtracts a per-channel mean and divides by a per-channel standard deviation,
 * both measured on the training images in [0, 1] units (as torchvision's {@code Normalize(mean, std)} is used).
 *
 * <p>A plain class, not a record: it travels inside Spark closures and may be Kryo-serialized.
 */
public final class Normalization implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The configuration spellings. */
  public static final String UNIT = "unit";

  public static final String STANDARDIZE = "standardize";
  public static final List<String> KINDS = List.of(UNIT, STANDARDIZE);

  private final String kind;
  private final double[] mean;
  private final double[] std;
  private final float[] meanF = new float[LabeledImage.CHANNELS];
  private final float[] stdF = new float[LabeledImage.CHANNELS];

  private Normalization(String kind, double[] mean, double[] std) {
    this.kind = kind;
    this.mean = mean.clone();
    this.std = std.clone();
    for (int c = 0; c < LabeledImage.CHANNELS; c++) {
      meanF[c] = (float) mean[c];
      stdF[c] = (float) std[c];
    }
  }

  /** Today's [0, 1] scaling: mean 0 and standard deviation 1 in every channel. */
  public static Normalization unit() {
    return new Normalization(UNIT, new double[LabeledImage.CHANNELS], new double[] {1, 1, 1});
  }

  /**
   * @param mean per-channel mean in [0, 1] units (R, G, B)
   * @param std per-channel standard deviation in [0, 1] units, each > 0
   */
  public static Normalization standardize(double[] mean, double[] std) {
    if (mean.length != LabeledImage.CHANNELS || std.length != LabeledImage.CHANNELS) {
      throw new IllegalArgumentException("mean and std need one value per channel (R, G, B)");
    }
    for (double s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException(
            "every channel's standard deviation must be > 0, got " + Arrays.toString(std)
                + " (are all training images one flat colour?)");
      }
    }
    return new Normalization(STANDARDIZE, mean, std);
  }

  /**
   * Measures the per-channel mean and population standard deviation of the images' pixels in [0, 1] units, on
   * the executors: each partition sums the bytes and their squares exactly (in longs), the driver gets 6 numbers
   * per partition.
   *
   * @param images the training images (cache them first: this is one pass)
   */
  public static Normalization measure(JavaRDD<LabeledImage> images) {
    long[] sums = images
        .mapPartitions(it -> {
          long[] s = new long[2 * LabeledImage.CHANNELS + 1];
          it.forEachRemaining(image -> {
            byte[] p = image.rawPixels();
            int plane = image.side() * image.side();
            for (int c = 0; c < LabeledImage.CHANNELS; c++) {
              long sum = 0;
              long squares = 0;
              for (int i = c * plane, end = i + plane; i < end; i++) {
                int v = p[i] & 0xFF;
                sum += v;
                squares += v * v;
              }
              s[c] += sum;
              s[LabeledImage.CHANNELS + c] += squares;
            }
            s[2 * LabeledImage.CHANNELS] += plane;
          });
          return List.of(s).iterator();
        })
        .reduce((a, b) -> {
          long[] s = new long[a.length];
          for (int i = 0; i < s.length; i++) {
            s[i] = a[i] + b[i];
          }
          return s;
        });
    double n = sums[2 * LabeledImage.CHANNELS];
    double[] mean = new double[LabeledImage.CHANNELS];
    double[] std = new double[LabeledImage.CHANNELS];
    for (int c = 0; c < LabeledImage.CHANNELS; c++) {
      double m = sums[c] / n;
      double variance = Math.max(0, sums[LabeledImage.CHANNELS + c] / n - m * m);
      mean[c] = m / 255.0;
      std[c] = Math.sqrt(variance) / 255.0;
    }
    return standardize(mean, std);
  }

  /** {@value #UNIT} or {@value #STANDARDIZE}. */
  public String kind() {
    return kind;
  }

  /** Per-channel mean in [0, 1] units (R, G, B). */
  public double[] mean() {
    return mean.clone();
  }

  /** Per-channel standard deviation in [0, 1] units (R, G, B). */
  public double[] std() {
    return std.clone();
  }

  /** The network input for one pixel byte of a channel; {@code unit} gives exactly {@code value / 255f}. */
  float apply(int channel, byte value) {
    return ((value & 0xFF) / 255f - meanF[channel]) / stdF[channel];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalization n && kind.equals(n.kind) && Arrays.equals(mean, n.mean)
        && Arrays.equals(std, n.std);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Arrays.hashCode(mean) * 17 + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return kind.equals(UNIT) ? "unit ([0, 1])"
        : "standardize (mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std) + ")";
  }
}
