package io.lrsched.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Tiny generated data for the data package's tests: random images, CIFAR batch files, image files, tar.gz. */
final class TestData {
  private TestData() {}

  static LabeledImage randomImage(Random rnd, int numClasses) {
    byte[] pixels = new byte[LabeledImage.CIFAR_BYTES];
    rnd.nextBytes(pixels);
    return new LabeledImage(rnd.nextInt(numClasses), pixels);
  }

  static List<LabeledImage> randomImages(long seed, int n, int numClasses) {
    Random rnd = new Random(seed);
    List<LabeledImage> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(randomImage(rnd, numClasses));
    }
    return out;
  }

  /** The CIFAR binary encoding of records: label byte then the CHW pixels. */
  static byte[] cifarBytes(List<LabeledImage> images) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (LabeledImage image : images) {
      out.write(image.label());
      out.writeBytes(image.pixels());
    }
    return out.toByteArray();
  }

  /** A 32x32 TYPE_INT_RGB image with exactly the given CHW pixels. */
  static BufferedImage toBufferedImage(LabeledImage image) {
    BufferedImage img = new BufferedImage(LabeledImage.CIFAR_SIDE, LabeledImage.CIFAR_SIDE, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < LabeledImage.CIFAR_SIDE; y++) {
      for (int x = 0; x < LabeledImage.CIFAR_SIDE; x++) {
        int rgb = image.pixel(0, y, x) << 16 | image.pixel(1, y, x) << 8 | image.pixel(2, y, x);
        img.setRGB(x, y, rgb);
      }
    }
    return img;
  }

  static byte[] encode(BufferedImage img, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, format, out)) {
      throw new IOException("no ImageIO writer for " + format);
    }
    return out.toByteArray();
  }

  /** Writes a tar.gz holding the given entries (name -> content), in iteration order. */
  static void writeTarGz(Path target, Map<String, byte[]> entries) throws IOException {
    try (OutputStream file = Files.newOutputStream(target);
        GZIPOutputStream gz = new GZIPOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
  }

  /** Writes every entry under a folder. */
  static void writeFolder(Path root, Map<String, byte[]> entries) throws IOException {
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      Path file = root.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue());
    }
  }
}
