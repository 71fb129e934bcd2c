package io.lrsched.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One labelled square RGB image in the layout of the CIFAR binary format: an integer class index and
 * {@code 3 * side * side} unsigned bytes in channel-major order (the red plane, then green, then blue, each row by
 * row). CIFAR-10 images are 32x32; image folders are brought to {@code data.image-size} when they are decoded.
 *
 * <p>Kept as raw bytes rather than floats because these records cross Spark shuffles every epoch: 3 KB per CIFAR
 * image instead of 12 KB. Immutable: the constructor copies the array and {@link #pixels()} returns a copy; equality
 * and hash code are over the label and the pixel content.
 */
public final class LabeledImage implements Serializable {
  private static final long serialVersionUID = 2L;

  /** Colour channels per image (RGB). */
  public static final int CHANNELS = 3;
  /** Side of a CIFAR-10 image in pixels. */
  public static final int CIFAR_SIDE = 32;
  /** Bytes of a CIFAR-10 image: 3 x 32 x 32 = 3072. */
  public static final int CIFAR_BYTES = CHANNELS * CIFAR_SIDE * CIFAR_SIDE;
  /** Classes of CIFAR-10 (labels 0 to 9 in its binary format). */
  public static final int CIFAR_CLASSES = 10;

  private final int label;
  private final int side;
  private final byte[] pixels;

  /**
   * @param label class index, at least 0
   * @param pixels {@code 3 * side * side} bytes in CHW order for some side; copied
   */
  public LabeledImage(int label, byte[] pixels) {
    this(label, sideOf(pixels), pixels.clone());
  }

  private LabeledImage(int label, int side, byte[] pixels) {
    if (label < 0) {
      throw new IllegalArgumentException("label must be >= 0, got " + label);
    }
    this.label = label;
    this.side = side;
    this.pixels = pixels;
  }

  /** Wraps a freshly built array that no one else holds (no copy: readers create 60,000 of these per epoch). */
  static LabeledImage wrap(int label, byte[] pixels) {
    return new LabeledImage(label, sideOf(pixels), pixels);
  }

  private static int sideOf(byte[] pixels) {
    if (pixels == null || pixels.length == 0 || pixels.length % CHANNELS != 0) {
      throw badLength(pixels);
    }
    int side = (int) Math.round(Math.sqrt(pixels.length / (double) CHANNELS));
    if (CHANNELS * side * side != pixels.length) {
      throw badLength(pixels);
    }
    return side;
  }

  private static IllegalArgumentException badLength(byte[] pixels) {
    return new IllegalArgumentException(
        "pixels must hold 3 x side x side bytes (CHW), got " + (pixels == null ? "null" : pixels.length));
  }

  /** The class index. */
  public int label() {
    return label;
  }

  /** Width and height in pixels. */
  public int side() {
    return side;
  }

  /** A copy of the pixel bytes in CHW order. */
  public byte[] pixels() {
    return pixels.clone();
  }

  /**
   * One pixel value as an unsigned int in [0, 255].
   *
   * @param channel 0 red, 1 green, 2 blue
   */
  public int pixel(int channel, int row, int col) {
    return pixels[(channel * side + row) * side + col] & 0xFF;
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
    return "LabeledImage[label=" + label + ", " + side + "x" + side + "]";
  }
}
