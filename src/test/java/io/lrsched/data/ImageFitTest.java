package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Resizing on images whose result is known by construction (uniform blocks, bands, a checkerboard). */
class ImageFitTest {

  private static byte[] decode(BufferedImage img, int size, ImageFit.Resize resize) throws Exception {
    return ImageDecoder.decode(TestData.encode(img, "png"), "x.png", new ImageFit(size, resize));
  }

  private static int at(byte[] chw, int size, int c, int y, int x) {
    return chw[(c * size + y) * size + x] & 0xFF;
  }

  @Test
  void shouldStretchUniform2x2BlocksToTheirColours() throws Exception {
    Random rnd = new Random(3);
    int[][] colour = new int[32][32];
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int by = 0; by < 32; by++) {
      for (int bx = 0; bx < 32; bx++) {
        colour[by][bx] = rnd.nextInt(1 << 24);
        for (int d = 0; d < 4; d++) {
          img.setRGB(2 * bx + d % 2, 2 * by + d / 2, colour[by][bx]);
        }
      }
    }
    byte[] chw = decode(img, 32, ImageFit.Resize.STRETCH);
    assertEquals(3 * 32 * 32, chw.length);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        assertEquals(colour[y][x] >> 16 & 0xFF, at(chw, 32, 0, y, x), 1, "red at " + y + "," + x);
        assertEquals(colour[y][x] >> 8 & 0xFF, at(chw, 32, 1, y, x), 1);
        assertEquals(colour[y][x] & 0xFF, at(chw, 32, 2, y, x), 1);
      }
    }
  }

  @Test
  void shouldAverageAFineCheckerboardInsteadOfAliasingIt() throws Exception {
    // One-pixel black/white squares shrunk 4x: every output pixel covers equal parts of both, i.e. mid grey.
    // Sampling a few source pixels (one bilinear pass) would give 0 or 255 instead.
    BufferedImage img = new BufferedImage(128, 128, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 128; y++) {
      for (int x = 0; x < 128; x++) {
        img.getRaster().setSample(x, y, 0, (x + y) % 2 == 0 ? 255 : 0);
      }
    }
    byte[] chw = decode(img, 32, ImageFit.Resize.STRETCH);
    for (int i = 0; i < chw.length; i++) {
      assertEquals(127.5, chw[i] & 0xFF, 1.5, "pixel " + i);
    }
  }

  @Test
  void shouldCropTheCentredSquare() throws Exception {
    // 96x32: blue, red, green thirds; the centred 32x32 square is the red third, kept at its size.
    BufferedImage img = new BufferedImage(96, 32, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 96; x++) {
        img.setRGB(x, y, x < 32 ? 0x0000FF : x < 64 ? 0xFF0000 : 0x00FF00);
      }
    }
    byte[] chw = decode(img, 32, ImageFit.Resize.CENTER_CROP);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        assertEquals(255, at(chw, 32, 0, y, x));
        assertEquals(0, at(chw, 32, 1, y, x));
        assertEquals(0, at(chw, 32, 2, y, x));
      }
    }
  }

  @Test
  void shouldPadWithBlackBandsKeepingTheAspectRatio() throws Exception {
    // 64x32 white -> 32x16 white centred: rows 8..23 white, rows 0..7 and 24..31 black.
    BufferedImage img = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 64; x++) {
        img.setRGB(x, y, 0xFFFFFF);
      }
    }
    byte[] chw = decode(img, 32, ImageFit.Resize.PAD);
    for (int y = 0; y < 32; y++) {
      int expected = y >= 8 && y < 24 ? 255 : 0;
      for (int x = 0; x < 32; x++) {
        for (int c = 0; c < 3; c++) {
          assertEquals(expected, at(chw, 32, c, y, x), "row " + y);
        }
      }
    }
  }

  @Test
  void shouldTurnGreyAndRgbaIntoRgbAtAnySize() throws Exception {
    BufferedImage grey = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(5, 3, 0, 200);
    byte[] g = decode(grey, 28, ImageFit.Resize.REJECT);
    assertEquals(3 * 28 * 28, g.length);
    for (int c = 0; c < 3; c++) {
      assertEquals(200, at(g, 28, c, 3, 5));
    }
    BufferedImage rgba = new BufferedImage(20, 20, BufferedImage.TYPE_4BYTE_ABGR);
    rgba.setRGB(2, 1, 0x80_10_20_30); // half transparent: the alpha is dropped, colour kept
    byte[] a = decode(rgba, 20, ImageFit.Resize.REJECT);
    assertEquals(0x10, at(a, 20, 0, 1, 2));
    assertEquals(0x20, at(a, 20, 1, 1, 2));
    assertEquals(0x30, at(a, 20, 2, 1, 2));
  }

  @Test
  void shouldRejectOtherSizesNamingFileSizeAndTheWayOut() throws Exception {
    byte[] big = TestData.encode(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png");
    BadInputException e = assertThrows(BadInputException.class,
        () -> ImageDecoder.decode(big, "train/cat/big.png", new ImageFit(32, ImageFit.Resize.REJECT)));
    assertTrue(e.getMessage().startsWith("train/cat/big.png: image is 64x48, data.image-size is 32"), e.getMessage());
    assertTrue(e.getMessage().contains("data.resize"), e.getMessage());
  }

  @Test
  void shouldUpscaleAUniformImageToTheSameColour() throws Exception {
    BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        img.setRGB(x, y, 0x336699);
      }
    }
    byte[] chw = decode(img, 32, ImageFit.Resize.STRETCH);
    for (int i = 0; i < 32 * 32; i++) {
      assertEquals(0x33, chw[i] & 0xFF);
      assertEquals(0x99, chw[2 * 32 * 32 + i] & 0xFF);
    }
  }
}
