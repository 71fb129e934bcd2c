package io.lrsched.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LrFinderSettingsTest {

  @Test
  void shouldGrowTheLearningRateExponentiallyFromMinToMax() {
    LrFinderSettings s = new LrFinderSettings(1e-6, 10, 8, 0.98, 4);
    assertEquals(1e-6, s.lrAt(0), 0);
    assertEquals(10, s.lrAt(7), 0);
    for (int i = 1; i < 8; i++) {
      assertEquals(10.0, s.lrAt(i) / s.lrAt(i - 1), 1e-9, "7 steps over 7 decades: x10 per step");
    }
    assertThrows(IllegalArgumentException.class, () -> s.lrAt(8));
  }
}
