package io.lrsched.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One labelled 32x32 RGB image as it is stored in the CIFAR binary format: an integer class index and 3072
 * unsigned bytes in channel-major order (1024 red, then 1024 green, then 1024 blue, each row by row).
 *
 * <p>Kept as raw bytes rather than floats because these records cross Spark shuffles every epoch: 3 KB per image
 * instead of 12 KB. Immutable: the constructor copies the array and {@link #pixels()} returns a copy; equality and
 * hash code are over the label and the pixel content.
 */
public final class LabeledImage implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Colour channels per image (RGB). */
  public static final int CHANNELS = 3;
  /** Image height in pixels. */
  public static final int HEIGHT = 32;
  /** Image width in pixels. */
  public static final int WIDTH = 32;
  /** Pixels per channel plane. */
  public static final int PLANE = HEIGHT * WIDTH;
  /** Bytes per image: 3 x 32 x 32 = 3072. */
  public static final int BYTES = CHANNELS * PLANE;
  /**
   * Classes of every data source, labels 0 to 9: CIFAR-10's ten, and as many in the synthetic set so that a smoke run
   * exercises the same model head. The one place this number is written.
   */
  public static final int CLASSES = 10;

  private final int label;
  private final byte[] pixels;

  /**
   * @param label class index, at least 0
   * @param pixels exactly {@value #BYTES} bytes in CHW order; copied
   */
  public LabeledImage(int label, byte[] pixels) {
    this(label, checkedCopy(pixels), true);
  }

  /** Takes ownership of {@code pixels} without copying: for readers in this package that build a fresh array. */
  private LabeledImage(int label, byte[] pixels, boolean owned) {
    if (label < 0) {
      throw new IllegalArgumentException("label must be >= 0, got " + label);
    }
    this.label = label;
    this.pixels = pixels;
  }

  /** Wraps a freshly built array that no one else holds (no copy: readers create 60,000 of these per epoch). */
  static LabeledImage wrap(int label, byte[] pixels) {
    checkLength(pixels);
    return new LabeledImage(label, pixels, true);
  }

  private static byte[] checkedCopy(byte[] pixels) {
    checkLength(pixels);
    return pixels.clone();
  }

  private static void checkLength(byte[] pixels) {
    if (pixels == null || pixels.length != BYTES) {
      throw new IllegalArgumentException(
          "pixels must hold " + BYTES + " bytes (3x32x32, CHW), got " + (pixels == null ? "null" : pixels.length));
    }
  }

  /** The class index. */
  public int label() {
    return label;
  }

  /** A copy of the 3072 pixel bytes in CHW order. */
  public byte[] pixels() {
    return pixels.clone();
  }

  /**
   * One pixel value as an unsigned int in [0, 255].
   *
   * @param channel 0 red, 1 green, 2 blue
   */
  public int pixel(int channel, int row, int col) {
    return pixels[channel * PLANE + row * WIDTH + col] & 0xFF;
  }

  /** The internal array, read-only by contract: lets this package's converters avoid a copy per image. */
  byte[] rawPixels() {
    return pixels;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof LabeledImage)) {
      return false;
    }
    LabeledImage other = (LabeledImage) o;
    return label == other.label && Arrays.equals(pixels, other.pixels);
  }

  @Override
  public int hashCode() {
    return 31 * label + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "LabeledImage[label=" + label + ", pixels=" + BYTES + " bytes]";
  }
}
