package io.lrsched.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Decode rate per core, for docs/PERFORMANCE.md: one thread decodes (and resizes) the same encoded images again and
 * again, as an executor task does, and reports images per second of that thread's CPU time (so other processes on a
 * shared machine do not distort it) and of wall-clock time. Not a test: run it by hand.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/local-classpath.txt) \
 *     io.lrsched.data.DecodeRate [cifar10-jpeg.tar.gz]</pre>
 */
public final class DecodeRate {
  private DecodeRate() {}

  public static void main(String[] args) throws IOException {
    if (args.length > 0) {
      report("CIFAR-10 JPEG 32x32 -> 32", cifarJpegs(Path.of(args[0]), 2000), new ImageFit(32, ImageFit.Resize.REJECT));
    }
    report("PNG RGB 32x32 -> 32", generated(32, BufferedImage.TYPE_INT_RGB, "png"),
        new ImageFit(32, ImageFit.Resize.REJECT));
    report("PNG RGB 64x64 -> 64", generated(64, BufferedImage.TYPE_INT_RGB, "png"),
        new ImageFit(64, ImageFit.Resize.REJECT));
    report("PNG RGB 64x64 -> 32 stretch", generated(64, BufferedImage.TYPE_INT_RGB, "png"),
        new ImageFit(32, ImageFit.Resize.STRETCH));
    report("PNG grey 28x28 -> 28", generated(28, BufferedImage.TYPE_BYTE_GRAY, "png"),
        new ImageFit(28, ImageFit.Resize.REJECT));
    report("PNG grey 28x28 -> 32 stretch", generated(28, BufferedImage.TYPE_BYTE_GRAY, "png"),
        new ImageFit(32, ImageFit.Resize.STRETCH));
    report("JPEG RGB 256x256 -> 32 center-crop", generated(256, BufferedImage.TYPE_INT_RGB, "jpg"),
        new ImageFit(32, ImageFit.Resize.CENTER_CROP));
  }

  private static void report(String what, List<EncodedImage> images, ImageFit fit) {
    for (int warm = 0; warm < 3; warm++) {
      images.forEach(e -> e.decode(fit));
    }
    int rounds = 5;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      for (EncodedImage e : images) {
        if (e.decode(fit).isBad()) {
          throw new IllegalStateException(what + ": an image failed to decode");
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    int n = rounds * images.size();
    System.out.printf(Locale.ROOT, "%-36s %8.0f images per CPU second, %8.0f per wall second (%d images x %d)%n",
        what, n / cpuSeconds, n / seconds, images.size(), rounds);
  }

  private static List<EncodedImage> cifarJpegs(Path archive, int n) throws IOException {
    List<EncodedImage> out = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(archive);
        TarArchiveInputStream tar = TarGzStream.open(raw, archive.toString())) {
      while (out.size() < n && tar.getNextTarEntry() != null) {
        String name = tar.getCurrentEntry().getName();
        if (tar.getCurrentEntry().isFile() && ImageFolderLayout.isImageName(name)) {
          out.add(new EncodedImage(name, 0, tar.readAllBytes()));
        }
      }
    }
    return out;
  }

  private static List<EncodedImage> generated(int side, int type, String format) throws IOException {
    Random rnd = new Random(1);
    List<EncodedImage> out = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      BufferedImage img = new BufferedImage(side, side, type);
      // Smooth content with noise, so the codecs do work comparable to photos.
      int base = rnd.nextInt(1 << 24);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          img.setRGB(x, y, (base + (x * 3 + y * 5) * 0x010101 + rnd.nextInt(16)) & 0xFFFFFF);
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(img, format, bytes);
      out.add(new EncodedImage(i + "." + format, 0, bytes.toByteArray()));
    }
    return out;
  }
}
