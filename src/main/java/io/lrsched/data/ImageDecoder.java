package io.lrsched.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG/JPEG bytes with {@code javax.imageio} into {@link LabeledImage}'s CHW byte layout, brought to the
 * configured size by an {@link ImageFit}.
 *
 * <p>Pure Java and headless (ImageIO needs no display), so executors without X11 can run it. Greyscale images are
 * replicated to three channels (their raw values, no gamma conversion); an alpha channel is dropped (as PIL's
 * {@code convert("RGB")} does); palette and 16-bit images go through sRGB.
 *
 * <p>Speed matters because a data set is tens of thousands of small files: each thread keeps one reader per format
 * instead of letting {@code ImageIO.read} probe every registered reader per image, and 8-bit rasters are copied
 * straight from their byte buffer. Decode rates are in docs/PERFORMANCE.md.
 */
public final class ImageDecoder {
  static {
    // ImageIO's default stream cache writes every decoded stream to a temp file; in memory is far faster.
    ImageIO.setUseCache(false);
  }

  /** ImageReaders are stateful and not thread-safe: one per executor thread and format. */
  private static final ThreadLocal<ImageReader> JPEG = ThreadLocal.withInitial(() -> reader("jpeg"));

  private static final ThreadLocal<ImageReader> PNG = ThreadLocal.withInitial(() -> reader("png"));

  private ImageDecoder() {}

  private static ImageReader reader(String format) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    return readers.hasNext() ? readers.next() : null;
  }

  /**
   * @param encoded the file's bytes
   * @param name the file's name, for error messages
   * @param fit the target size and what to do with other sizes
   * @return {@code 3 x size x size} bytes in CHW order
   * @throws BadInputException naming the file if it cannot be decoded or has the wrong size
   */
  public static byte[] decode(byte[] encoded, String name, ImageFit fit) {
    BufferedImage img;
    try {
      img = read(encoded, name);
    } catch (IOException | RuntimeException e) {
      // ImageIO's plugins throw unchecked exceptions too (e.g. on truncated PNG chunks).
      throw new BadInputException(name + ": cannot decode image (" + e.getMessage() + ")", e);
    }
    if (img == null) {
      throw new BadInputException(name + ": cannot decode image (not a PNG or JPEG)");
    }
    return fit.fit(toChw(img), img.getWidth(), img.getHeight(), name);
  }

  private static BufferedImage read(byte[] encoded, String name) throws IOException {
    String n = name.toLowerCase(Locale.ROOT);
    ImageReader reader = n.endsWith(".png") ? PNG.get() : JPEG.get();
    IIOException byName = null;
    if (reader != null) {
      try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
        reader.setInput(in, true, true);
        return reader.read(0);
      } catch (IIOException wrongFormat) {
        // e.g. a PNG named .jpg: fall through to ImageIO's probing of every reader
        byName = wrongFormat;
      } finally {
        reader.setInput(null);
      }
    }
    // ImageIO.read(ImageInputStream) closes the stream itself.
    BufferedImage probed = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded)));
    if (probed == null && byName != null) {
      // No reader knows the bytes: what the reader chosen by the name said is the best explanation.
      throw byName;
    }
    return probed;
  }

  /** Converts an image of any size; reads raw samples where the colour model allows, else sRGB through getRGB. */
  static byte[] toChw(BufferedImage img) {
    ColorModel cm = img.getColorModel();
    int csType = cm.getColorSpace().getType();
    boolean plain8Bit = !(cm instanceof IndexColorModel) && allComponents8Bit(cm);
    if (plain8Bit && csType == ColorSpace.TYPE_GRAY) {
      // Raw grey samples, replicated: getRGB would push linear grey through a gamma curve and change the values.
      return samples(img.getRaster(), new int[] {0, 0, 0});
    }
    if (plain8Bit && csType == ColorSpace.TYPE_RGB && cm.getColorSpace().isCS_sRGB()) {
      // Raster bands are in colour-model order (R, G, B[, A]) whatever the byte layout (e.g. 3BYTE_BGR).
      return samples(img.getRaster(), new int[] {0, 1, 2});
    }
    int w = img.getWidth();
    int plane = w * img.getHeight();
    byte[] out = new byte[LabeledImage.CHANNELS * plane];
    int[] argb = img.getRGB(0, 0, w, img.getHeight(), null, 0, w);
    for (int i = 0; i < plane; i++) {
      int p = argb[i];
      out[i] = (byte) (p >> 16);
      out[plane + i] = (byte) (p >> 8);
      out[2 * plane + i] = (byte) p;
    }
    return out;
  }

  /** Copies the given raster bands into the three output planes. */
  private static byte[] samples(Raster raster, int[] bands) {
    int width = raster.getWidth();
    int height = raster.getHeight();
    int planeSize = width * height;
    byte[] out = new byte[LabeledImage.CHANNELS * planeSize];
    if (raster.getDataBuffer() instanceof DataBufferByte buffer
        && buffer.getNumBanks() == 1
        && raster.getSampleModel() instanceof ComponentSampleModel model
        && raster.getSampleModelTranslateX() == 0
        && raster.getSampleModelTranslateY() == 0) {
      // The common case (what the JDK's JPEG and PNG readers return): index the byte array directly.
      byte[] data = buffer.getData();
      int base = buffer.getOffset();
      int pixelStride = model.getPixelStride();
      int scanlineStride = model.getScanlineStride();
      int[] offsets = model.getBandOffsets();
      for (int c = 0; c < LabeledImage.CHANNELS; c++) {
        int plane = c * planeSize;
        int bandOffset = base + offsets[bands[c]];
        for (int y = 0; y < height; y++) {
          int row = bandOffset + y * scanlineStride;
          for (int x = 0; x < width; x++) {
            out[plane + y * width + x] = data[row + x * pixelStride];
          }
        }
      }
      return out;
    }
    for (int c = 0; c < LabeledImage.CHANNELS; c++) {
      int[] s = raster.getSamples(0, 0, width, height, bands[c], (int[]) null);
      int plane = c * planeSize;
      for (int i = 0; i < planeSize; i++) {
        out[plane + i] = (byte) s[i];
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
