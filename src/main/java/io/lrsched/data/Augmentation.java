package io.lrsched.data;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The standard CIFAR augmentation ({@code data.augment}): a random crop of the image padded with zeros on every
 * side (torchvision's {@code RandomCrop(size, padding)}: a shift of up to {@code padding} pixels in each direction,
 * black where the shift uncovers the border), then a horizontal flip with probability 1/2.
 *
 * <p>The choice for an image is a pure function of (seed, epoch, the image's content), so a repeated or resumed run
 * sees exactly the same augmented images, every epoch differs, and where the image is processed does not matter.
 */
public final class Augmentation implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final long SALT = 0xA06E47L;

  private final boolean enabled;
  private final int padding;
  private final long seed;

  private Augmentation(boolean enabled, int padding, long seed) {
    this.enabled = enabled;
    this.padding = padding;
    this.seed = seed;
  }

  /** No augmentation: images pass unchanged. */
  public static Augmentation off() {
    return new Augmentation(false, 0, 0);
  }

  /**
   * @param padding maximum shift in pixels (the zero padding on each side), at least 0
   * @param seed the experiment's seed
   */
  public static Augmentation cropAndFlip(int padding, long seed) {
    if (padding < 0) {
      throw new IllegalArgumentException("augmentation padding must be >= 0, got " + padding);
    }
    return new Augmentation(true, padding, seed);
  }

  /** Whether images are changed at all. */
  public boolean enabled() {
    return enabled;
  }

  /**
   * The image as the network sees it in the given epoch.
   *
   * @param epoch 0-based epoch
   */
  public LabeledImage apply(LabeledImage image, int epoch) {
    if (!enabled) {
      return image;
    }
    long key = ContentHash.mix(ContentHash.mix(seed ^ SALT) + epoch * 0x9E3779B97F4A7C15L)
        ^ ContentHash.of(seed, image);
    SplittableRandom random = new SplittableRandom(key);
    int dy = random.nextInt(2 * padding + 1) - padding;
    int dx = random.nextInt(2 * padding + 1) - padding;
    boolean flip = random.nextBoolean();
    return LabeledImage.wrap(image.label(), shifted(image, dy, dx, flip));
  }

  /** out(y, x) = in(y + dy, x' + dx) with x' = x or its mirror, and 0 outside the image. */
  static byte[] shifted(LabeledImage image, int dy, int dx, boolean flip) {
    int side = image.side();
    byte[] in = image.rawPixels();
    byte[] out = new byte[in.length];
    for (int c = 0; c < LabeledImage.CHANNELS; c++) {
      int plane = c * side * side;
      for (int y = 0; y < side; y++) {
        int sy = y + dy;
        if (sy < 0 || sy >= side) {
          continue;
        }
        for (int x = 0; x < side; x++) {
          int sx = (flip ? side - 1 - x : x) + dx;
          if (sx >= 0 && sx < side) {
            out[plane + y * side + x] = in[plane + sy * side + sx];
          }
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return enabled ? "random crop (padding " + padding + " px) and horizontal flip, per epoch" : "off";
  }
}
