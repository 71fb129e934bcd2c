package io.lrsched.finder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void shouldRejectBadParametersNamingThem() {
    assertMessage("min-lr", () -> new LrFinderSettings(0, 10, 100, 0.98, 4));
    assertMessage("max-lr", () -> new LrFinderSettings(1e-3, 1e-4, 100, 0.98, 4));
    assertMessage("batches", () -> new LrFinderSettings(1e-6, 10, 1, 0.98, 4));
    assertMessage("smoothing", () -> new LrFinderSettings(1e-6, 10, 100, 1, 4));
    assertMessage("stop-factor", () -> new LrFinderSettings(1e-6, 10, 100, 0.98, 1));
  }

  private static void assertMessage(String key, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
    assertTrue(x.getMessage().startsWith(key + " = "), x.getMessage());
  }
}
