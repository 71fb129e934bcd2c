package io.lrsched.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** Image folders as users have them, generated: one colour per class plus noise, so the classes are learnable. */
final class ImageSets {
  private ImageSets() {}

  /**
   * Writes {@code root/train/<class>/<i>.png} and {@code root/test/<class>/<i>.png}.
   *
   * @param type a BufferedImage type: TYPE_INT_RGB, TYPE_BYTE_GRAY, ...
   */
  static void write(Path root, List<String> classes, int trainPerClass, int testPerClass, int side, int type)
      throws IOException {
    Random rnd = new Random(11);
    for (String split : List.of("train", "test")) {
      int n = split.equals("train") ? trainPerClass : testPerClass;
      for (int k = 0; k < classes.size(); k++) {
        Path dir = Files.createDirectories(root.resolve(split).resolve(classes.get(k)));
        for (int i = 0; i < n; i++) {
          ImageIO.write(image(rnd, k, classes.size(), side, type), "png", dir.resolve(i + ".png").toFile());
        }
      }
    }
  }

  static BufferedImage image(Random rnd, int k, int classes, int side, int type) {
    BufferedImage img = new BufferedImage(side, side, type);
    int base = 30 + 200 * k / Math.max(1, classes - 1);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int v = Math.max(0, Math.min(255, base + rnd.nextInt(41) - 20));
        int rgb = k % 3 == 0 ? v << 16 | 40 << 8 | 40 : k % 3 == 1 ? 40 << 16 | v << 8 | 40 : 40 << 16 | 40 << 8 | v;
        if (type == BufferedImage.TYPE_BYTE_GRAY) {
          img.getRaster().setSample(x, y, 0, v);
        } else {
          img.setRGB(x, y, rgb);
        }
      }
    }
    return img;
  }
}
