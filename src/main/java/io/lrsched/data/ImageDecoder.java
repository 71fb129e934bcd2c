package io.lrsched.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG/JPEG bytes with {@code javax.imageio} into {@link LabeledImage}'s CHW byte layout.
 *
 * <p>Pure Java and headless (ImageIO needs no display), so executors without X11 can run it. Greyscale images are
 * replicated to three channels. Other sizes than 32x32 are rejected rather than resized: silently resampling a
 * data set would change the experiment.
 */
final class ImageDecoder {
  static {
    // ImageIO's default stream cache writes every decoded stream to a temp file; in memory is far faster.
    ImageIO.setUseCache(false);
  }

  private ImageDecoder() {}

  /** Whether a file name has an extension this decoder reads: png, jpg, jpeg (any case). */
  static boolean isImageName(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
  }

  /**
   * @param encoded the file's bytes
   * @param name the file's name, for error messages
   * @return 3072 bytes in CHW order
   */
  static byte[] decodeChw(byte[] encoded, String name) {
    BufferedImage img;
    try {
      // ImageIO.read(ImageInputStream) closes the stream itself.
      img = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded)));
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot decode image", e);
    }
    if (img == null) {
      throw new IllegalArgumentException(name + ": not a PNG or JPEG image ImageIO can read");
    }
    if (img.getWidth() != LabeledImage.WIDTH || img.getHeight() != LabeledImage.HEIGHT) {
      throw new IllegalArgumentException(
          name + ": image is " + img.getWidth() + "x" + img.getHeight() + ", images must be "
              + LabeledImage.WIDTH + "x" + LabeledImage.HEIGHT);
    }
    return toChw(img);
  }

  /** Converts a 32x32 image; reads raw raster samples where the colour model allows, else sRGB via getRGB. */
  static byte[] toChw(BufferedImage img) {
    byte[] out = new byte[LabeledImage.BYTES];
    ColorModel cm = img.getColorModel();
    boolean plain8Bit = !(cm instanceof IndexColorModel) && allComponents8Bit(cm);
    int csType = cm.getColorSpace().getType();
    if (plain8Bit && csType == ColorSpace.TYPE_GRAY) {
      // Raw grey samples, replicated: getRGB would push linear grey through a gamma curve and change the values.
      int[] samples = img.getRaster().getSamples(0, 0, LabeledImage.WIDTH, LabeledImage.HEIGHT, 0, (int[]) null);
      for (int i = 0; i < LabeledImage.PLANE; i++) {
        byte v = (byte) samples[i];
        out[i] = v;
        out[LabeledImage.PLANE + i] = v;
        out[2 * LabeledImage.PLANE + i] = v;
      }
    } else if (plain8Bit && csType == ColorSpace.TYPE_RGB && cm.getColorSpace().isCS_sRGB()) {
      // Raster bands are in colour-model order (R, G, B[, A]) whatever the byte layout (e.g. 3BYTE_BGR).
      Raster raster = img.getRaster();
      for (int c = 0; c < LabeledImage.CHANNELS; c++) {
        int[] samples = raster.getSamples(0, 0, LabeledImage.WIDTH, LabeledImage.HEIGHT, c, (int[]) null);
        int base = c * LabeledImage.PLANE;
        for (int i = 0; i < LabeledImage.PLANE; i++) {
          out[base + i] = (byte) samples[i];
        }
      }
    } else {
      int[] argb = img.getRGB(0, 0, LabeledImage.WIDTH, LabeledImage.HEIGHT, null, 0, LabeledImage.WIDTH);
      for (int i = 0; i < LabeledImage.PLANE; i++) {
        int p = argb[i];
        out[i] = (byte) (p >> 16);
        out[LabeledImage.PLANE + i] = (byte) (p >> 8);
        out[2 * LabeledImage.PLANE + i] = (byte) p;
      }
    }
    return out;
  }

  private static boolean allComponents8Bit(ColorModel cm) {
    for (int size : cm.getComponentSize()) {
      if (size != 8) {
        return false;
      }
    }
    return true;
  }
}
