package io.lrsched.finder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lrsched.data.LabeledImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchCycleTest {

  @Test
  void shouldCycleThroughReshuffledFullMinibatches() {
    List<LabeledImage> images = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      images.add(new LabeledImage(k, new byte[LabeledImage.CIFAR_BYTES]));
    }
    LrRangeTest.BatchCycle cycle = new LrRangeTest.BatchCycle(images, 4, 1);
    Map<Integer, Integer> counts = new HashMap<>();
    List<Integer> firstPass = new ArrayList<>();
    for (int b = 0; b < 5; b++) {
      List<LabeledImage> batch = cycle.next();
      assertEquals(4, batch.size(), "every minibatch is full");
      batch.forEach(i -> counts.merge(i.label(), 1, Integer::sum));
      batch.forEach(i -> firstPass.add(i.label()));
    }
    // 20 images drawn in 4 full passes over 5: each image exactly 4 times.
    assertEquals(5, counts.size());
    counts.values().forEach(c -> assertEquals(4, c));
    // Passes are reshuffled: the four passes are not all in the same order.
    assertEquals(20, firstPass.size());
    boolean differs = false;
    for (int p = 1; p < 4; p++) {
      differs |= !firstPass.subList(0, 5).equals(firstPass.subList(5 * p, 5 * p + 5));
    }
    assertEquals(true, differs, "passes in different orders: " + firstPass);
  }
}
