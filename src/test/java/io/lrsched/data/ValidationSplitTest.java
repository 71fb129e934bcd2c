package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {

  /** 100 images of 4 classes, 40, 30, 20 and 10 of them, interleaved as a data set's files come. */
  private static int[] labels() {
    int[] counts = {40, 30, 20, 10};
    int[] left = counts.clone();
    int[] labels = new int[100];
    int i = 0;
    while (i < labels.length) {
      for (int c = 0; c < counts.length; c++) {
        if (left[c]-- > 0) {
          labels[i++] = c;
        }
      }
    }
    return labels;
  }

  private static int[] perClass(int[] labels, BitSet chosen) {
    int[] n = new int[4];
    chosen.stream().forEach(i -> n[labels[i]]++);
    return n;
  }

  @Test
  void shouldHoldOutTheSameShareOfEveryClass() {
    int[] labels = labels();
    BitSet chosen = ValidationSplit.choose(labels, 0.1, 42);
    // round(0.1 x 40, 30, 20, 10)
    assertEquals(List.of(4, 3, 2, 1), Arrays.stream(perClass(labels, chosen)).boxed().toList());
    BitSet quarter = ValidationSplit.choose(labels, 0.25, 42);
    // round(0.25 x 40, 30, 20, 10) = 10, 7.5 -> 8, 5, 2.5 -> 3
    assertEquals(List.of(10, 8, 5, 3), Arrays.stream(perClass(labels, quarter)).boxed().toList());
  }

  @Test
  void shouldChooseTheSameImagesForTheSameSeedAndOthersForAnother() {
    int[] labels = labels();
    assertEquals(ValidationSplit.choose(labels, 0.1, 42), ValidationSplit.choose(labels, 0.1, 42));
    assertNotEquals(ValidationSplit.choose(labels, 0.1, 42), ValidationSplit.choose(labels, 0.1, 43));
  }

  @Test
  void shouldGiveEveryImageOfAClassTheSameChance() {
    int[] labels = new int[10];
    int seeds = 20_000;
    int[] hits = new int[10];
    for (long seed = 0; seed < seeds; seed++) {
      ValidationSplit.choose(labels, 0.3, seed).stream().forEach(i -> hits[i]++);
    }
    // 3 of 10 held out: each image with probability 0.3; binomial sd sqrt(20000 x 0.3 x 0.7) = 65, 5 sd = 324.
    for (int i = 0; i < hits.length; i++) {
      assertEquals(0.3 * seeds, hits[i], 324, "image " + i);
    }
  }
}
