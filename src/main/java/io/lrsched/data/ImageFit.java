package io.lrsched.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How decoded images are brought to the model's square input ({@code data.image-size} and {@code data.resize}).
 *
 * <p>Resampling is the JDK's (Java2D) with bilinear interpolation; when an image shrinks by more than half, it is
 * halved step by step first, each step a bilinear pass at exactly half size, i.e. a 2x2 box average, so every source
 * pixel contributes and fine patterns do not alias (a single bilinear pass would sample only a few source pixels).
 * Pixels are resampled as stored (sRGB values), without colour conversion.
 */
public final class ImageFit implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Keep the aspect ratio? Where does the extra go? */
  public enum Resize {
    /** Scale width and height independently to the target size. */
    STRETCH,
    /** Cut the largest centred square, then scale it. */
    CENTER_CROP,
    /** Scale the longer side to the target size and centre the image on black. */
    PAD,
    /** Images must already have the target size. */
    REJECT;

    /** The configuration spelling: stretch, center-crop, pad, reject. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every configuration spelling. */
    public static List<String> configNames() {
      return Arrays.stream(values()).map(Resize::configName).toList();
    }

    /** @throws IllegalArgumentException for an unknown spelling */
    public static Resize of(String configName) {
      for (Resize r : values()) {
        if (r.configName().equals(configName)) {
          return r;
        }
      }
      throw new IllegalArgumentException("unknown resize '" + configName + "', allowed: " + configNames());
    }
  }

  private final int size;
  private final Resize resize;

  /**
   * @param size side of the model's input in pixels, at least 1
   * @param resize what to do with images of another size
   */
  public ImageFit(int size, Resize resize) {
    if (size < 1) {
      throw new IllegalArgumentException("image size must be >= 1, got " + size);
    }
    this.size = size;
    this.resize = resize;
  }

  /** CIFAR-10's own size, nothing resized: what the sources produce when nothing is configured. */
  public static ImageFit cifar() {
    return new ImageFit(LabeledImage.CIFAR_SIDE, Resize.REJECT);
  }

  /** Side of the model's input in pixels. */
  public int size() {
    return size;
  }

  /** What happens to images of another size. */
  public Resize resize() {
    return resize;
  }

  /**
   * Brings CHW pixels of any size to {@code size x size}.
   *
   * @param chw 3 planes of {@code width x height} bytes
   * @param name the image's file name, for the error message
   * @return {@code chw} itself when it already has the size, else a new array of {@code 3 x size x size} bytes
   * @throws BadInputException if the size differs and resizing is off
   */
  byte[] fit(byte[] chw, int width, int height, String name) {
    if (width == size && height == size) {
      return chw;
    }
    if (resize == Resize.REJECT) {
      throw new BadInputException(name + ": image is " + width + "x" + height + ", data.image-size is " + size
          + " and data.resize = reject (set data.resize = stretch, center-crop or pad to resize)");
    }
    BufferedImage source = toImage(chw, width, height);
    BufferedImage target;
    switch (resize) {
      case STRETCH -> target = scale(source, size, size);
      case CENTER_CROP -> {
        int side = Math.min(width, height);
        target = scale(source.getSubimage((width - side) / 2, (height - side) / 2, side, side), size, size);
      }
      default -> {
        double factor = (double) size / Math.max(width, height);
        int w = Math.max(1, (int) Math.round(width * factor));
        int h = Math.max(1, (int) Math.round(height * factor));
        BufferedImage scaled = scale(source, w, h);
        target = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB); // starts black
        Graphics2D g = target.createGraphics();
        g.drawImage(scaled, (size - w) / 2, (size - h) / 2, null);
        g.dispose();
      }
    }
    return fromImage(target);
  }

  /** Bilinear, halving step by step while the image is more than twice the target (see the class comment). */
  static BufferedImage scale(BufferedImage source, int targetWidth, int targetHeight) {
    BufferedImage current = source;
    int w = source.getWidth();
    int h = source.getHeight();
    while (w != targetWidth || h != targetHeight) {
      int nextWidth = w > targetWidth ? Math.max(targetWidth, w / 2) : targetWidth;
      int nextHeight = h > targetHeight ? Math.max(targetHeight, h / 2) : targetHeight;
      BufferedImage next = new BufferedImage(nextWidth, nextHeight, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = next.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(current, 0, 0, nextWidth, nextHeight, null);
      g.dispose();
      current = next;
      w = nextWidth;
      h = nextHeight;
    }
    return current;
  }

  private static BufferedImage toImage(byte[] chw, int width, int height) {
    int plane = width * height;
    int[] rgb = new int[plane];
    for (int i = 0; i < plane; i++) {
      rgb[i] = (chw[i] & 0xFF) << 16 | (chw[plane + i] & 0xFF) << 8 | (chw[2 * plane + i] & 0xFF);
    }
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, width, height, rgb, 0, width);
    return image;
  }

  private static byte[] fromImage(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int plane = w * h;
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    byte[] chw = new byte[3 * plane];
    for (int i = 0; i < plane; i++) {
      chw[i] = (byte) (rgb[i] >> 16);
      chw[plane + i] = (byte) (rgb[i] >> 8);
      chw[2 * plane + i] = (byte) rgb[i];
    }
    return chw;
  }

  /** One line for the log: "32x32, resize=reject". */
  public String describe() {
    return size + "x" + size + ", resize=" + resize.configName();
  }

  @Override
  public String toString() {
    return describe();
  }
}
