package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
  private final LabeledImage image = TestData.randomImage(new Random(7), 10);

  @Test
  void shouldDecodePngExactlyInChwOrder() throws Exception {
    byte[] png = TestData.encode(TestData.toBufferedImage(image), "png");

    assertArrayEquals(image.pixels(), ImageDecoder.decode(png, "a.png", ImageFit.cifar()));
  }

  @Test
  void shouldDecodeAPngNamedLikeAJpeg() throws Exception {
    byte[] png = TestData.encode(TestData.toBufferedImage(image), "png");

    assertArrayEquals(image.pixels(), ImageDecoder.decode(png, "really-a-png.jpg", ImageFit.cifar()));
  }

  @Test
  void shouldDecode3ByteBgrJpegCloseToTheOriginal() throws Exception {
    // A smooth image: JPEG keeps it within a few levels, while swapped channels would be far off.
    BufferedImage smooth = new BufferedImage(32, 32, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        smooth.setRGB(x, y, (200 << 16) | ((x * 4) << 8) | 30);
      }
    }
    byte[] chw = ImageDecoder.decode(TestData.encode(smooth, "jpg"), "a.jpg", ImageFit.cifar());

    assertEquals(200, chw[5 * 32 + 5] & 0xFF, 8);
    assertEquals(20, chw[1024 + 5 * 32 + 5] & 0xFF, 8);
    assertEquals(30, chw[2048 + 5 * 32 + 5] & 0xFF, 8);
  }

  @Test
  void shouldReplicateGreyIntoThreeChannelsWithoutGammaChange() throws Exception {
    BufferedImage grey = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(3, 2, 0, 77);
    grey.getRaster().setSample(31, 31, 0, 250);

    byte[] chw = ImageDecoder.decode(TestData.encode(grey, "png"), "g.png", ImageFit.cifar());

    for (int c = 0; c < 3; c++) {
      assertEquals(77, chw[c * 1024 + 2 * 32 + 3] & 0xFF);
      assertEquals(250, chw[c * 1024 + 31 * 32 + 31] & 0xFF);
      assertEquals(0, chw[c * 1024] & 0xFF);
    }
  }

  @Test
  void shouldReadPalettePngsThroughTheirColours() throws Exception {
    BufferedImage indexed = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_INDEXED);
    indexed.setRGB(1, 0, 0xFF0000);

    byte[] chw = ImageDecoder.decode(TestData.encode(indexed, "png"), "p.png", ImageFit.cifar());

    assertEquals(255, chw[1] & 0xFF);
    assertEquals(0, chw[1024 + 1] & 0xFF);
  }

  @Test
  void shouldRejectOtherSizesNamingTheFile() throws Exception {
    byte[] big = TestData.encode(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png");

    BadInputException e =
        assertThrows(BadInputException.class, () -> ImageDecoder.decode(big, "train/cat/big.png", ImageFit.cifar()));
    assertTrue(e.getMessage().contains("train/cat/big.png") && e.getMessage().contains("64x48"), e.getMessage());
  }

  @Test
  void shouldRejectBytesThatAreNoImage() {
    BadInputException e = assertThrows(
        BadInputException.class, () -> ImageDecoder.decode(new byte[] {1, 2, 3}, "broken.jpg", ImageFit.cifar()));
    assertTrue(e.getMessage().contains("broken.jpg"), e.getMessage());
    // the JPEG reader's own complaint is kept, as the cause and in the line
    assertTrue(e.getCause() instanceof javax.imageio.IIOException, String.valueOf(e.getCause()));
    assertTrue(e.getMessage().contains(e.getCause().getMessage()), e.getMessage());
  }
}
