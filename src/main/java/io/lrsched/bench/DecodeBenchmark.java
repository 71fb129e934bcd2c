package io.lrsched.bench;

import io.lrsched.data.ImageDecoder;
import io.lrsched.data.ImageFit;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Image decoding rate of one core: how many 32x32 JPEGs per second {@link ImageDecoder} turns into training
 * samples on one thread, the figure that says how many cores decoding takes beside training.
 *
 * <p>The images are made here (a smooth colour field plus noise, JPEG at ImageIO's default quality), so the figure
 * needs no data set; their mean encoded size is printed beside the rate, for comparison with the real files.
 */
public final class DecodeBenchmark {

  private static final int SIZE = 32;
  private static final int DISTINCT = 256;
  /** CIFAR-10's size: the images are made at it, so no resizing is timed. */
  private static final ImageFit FIT = ImageFit.cifar();

  private DecodeBenchmark() {}

  /**
   * @param images how many decodes to time (after as many untimed ones)
   * @return a one-line result
   */
  public static String run(int images) {
    byte[][] encoded = new byte[DISTINCT][];
    long bytes = 0;
    Random random = new Random(1);
    for (int i = 0; i < DISTINCT; i++) {
      encoded[i] = jpeg(random);
      bytes += encoded[i].length;
    }
    for (int i = 0; i < images; i++) {
      ImageDecoder.decode(encoded[i % DISTINCT], "warm-up", FIT);
    }
    long start = System.nanoTime();
    for (int i = 0; i < images; i++) {
      ImageDecoder.decode(encoded[i % DISTINCT], "synthetic", FIT);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return String.format(Locale.ROOT, "decode: %.0f images/s per core (32x32 JPEG, mean %d bytes, 1 thread, %d images)",
        images / seconds, bytes / DISTINCT, images);
  }

  private static byte[] jpeg(Random random) {
    BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    int r0 = random.nextInt(256);
    int g0 = random.nextInt(256);
    int b0 = random.nextInt(256);
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int r = clamp(r0 + 3 * x - 2 * y + random.nextInt(41) - 20);
        int g = clamp(g0 - 2 * x + 3 * y + random.nextInt(41) - 20);
        int b = clamp(b0 + x + y + random.nextInt(41) - 20);
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "jpeg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
