package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmentationTest {
  private final List<LabeledImage> images = TestData.randomImages(5, 50, 10);

  /** Reference: pad with zeros by 4, take the 32x32 window at (4 + dy, 4 + dx), mirror it if flip. */
  private static byte[] reference(LabeledImage image, int dy, int dx, boolean flip) {
    int s = image.side();
    int padded = s + 8;
    byte[] out = new byte[3 * s * s];
    for (int c = 0; c < 3; c++) {
      int[][] pad = new int[padded][padded];
      for (int y = 0; y < s; y++) {
        for (int x = 0; x < s; x++) {
          pad[y + 4][x + 4] = image.pixel(c, y, x);
        }
      }
      for (int y = 0; y < s; y++) {
        for (int x = 0; x < s; x++) {
          int v = pad[y + 4 + dy][x + 4 + dx];
          int target = flip ? s - 1 - x : x;
          out[(c * s + y) * s + target] = (byte) v;
        }
      }
    }
    return out;
  }

  private static String match(LabeledImage in, LabeledImage out) {
    for (int dy = -4; dy <= 4; dy++) {
      for (int dx = -4; dx <= 4; dx++) {
        for (boolean flip : new boolean[] {false, true}) {
          if (java.util.Arrays.equals(reference(in, dy, dx, flip), out.pixels())) {
            return dy + "," + dx + "," + flip;
          }
        }
      }
    }
    return null;
  }

  @Test
  void shouldBeAPaddedRandomCropAndFlipOfTheImage() {
    Augmentation a = Augmentation.cropAndFlip(4, 42);
    Set<String> seen = new HashSet<>();
    for (LabeledImage image : images) {
      LabeledImage out = a.apply(image, 0);
      assertEquals(image.label(), out.label());
      String choice = match(image, out);
      assertTrue(choice != null, "output is a padded crop of the input, flipped or not");
      seen.add(choice);
    }
    assertTrue(seen.size() > 20, "50 images get many different crops: " + seen.size());
  }

  @Test
  void shouldDifferBetweenEpochsAndRepeatForTheSameSeedAndEpoch() {
    Augmentation a = Augmentation.cropAndFlip(4, 42);
    Augmentation again = Augmentation.cropAndFlip(4, 42);
    Augmentation otherSeed = Augmentation.cropAndFlip(4, 43);
    int differentEpochs = 0;
    int differentSeeds = 0;
    for (LabeledImage image : images) {
      assertEquals(a.apply(image, 3), again.apply(image, 3), "one seed, one epoch: the same image");
      differentEpochs += a.apply(image, 0).equals(a.apply(image, 1)) ? 0 : 1;
      differentSeeds += a.apply(image, 0).equals(otherSeed.apply(image, 0)) ? 0 : 1;
    }
    // A choice repeats with probability 1/162 per image.
    assertTrue(differentEpochs >= 45, "epochs 0 and 1 differ for most images: " + differentEpochs);
    assertTrue(differentSeeds >= 45, "seeds differ for most images: " + differentSeeds);
    assertNotEquals(a.apply(images.get(0), 0), images.get(0));
  }

  @Test
  void shouldPassImagesUnchangedWhenOff() {
    assertSame(images.get(0), Augmentation.off().apply(images.get(0), 7));
  }
}
