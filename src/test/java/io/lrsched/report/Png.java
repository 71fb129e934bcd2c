package io.lrsched.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Checks on rendered PNGs: they decode, have the asked size, and show coloured (series) pixels. */
final class Png {
  private Png() {}

  static BufferedImage decode(byte[] png, int width, int height) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertNotNull(image, "bytes are not a readable image");
    assertEquals(width, image.getWidth());
    assertEquals(height, image.getHeight());
    return image;
  }

  static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }

  /**
   * Pixels that are clearly coloured, not grey: ggplot's background, grid and text are all greys, so only drawn
   * series (lines, markers, annotation) count.
   */
  static int colouredPixels(BufferedImage image) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
          count++;
        }
      }
    }
    return count;
  }

  static void assertDrawn(BufferedImage image, int minColouredPixels) {
    assertTrue(distinctColours(image) > 10, "image is (nearly) a flat colour");
    int coloured = colouredPixels(image);
    assertTrue(coloured >= minColouredPixels, "only " + coloured + " coloured pixels: series not drawn?");
  }
}
