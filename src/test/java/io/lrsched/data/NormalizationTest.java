package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationTest {

  @Test
  void shouldScaleUnitExactlyAsBefore() {
    Normalization unit = Normalization.unit();
    for (int v = 0; v < 256; v++) {
      assertEquals(v / 255f, unit.apply(v % 3, (byte) v));
    }
  }

  @Test
  void shouldStandardizeWithTheGivenStatistics() {
    Normalization n = Normalization.standardize(new double[] {0.5, 0.25, 0}, new double[] {0.5, 0.25, 1});
    assertEquals(1f, n.apply(0, (byte) 255), 1e-6);
    assertEquals(-1f, n.apply(0, (byte) 0), 1e-6);
    assertEquals(-1f, n.apply(1, (byte) 0), 1e-6);
    assertEquals(0f, n.apply(2, (byte) 0), 1e-6);
  }

  @Test
  void shouldRoundTripThroughTheRunFoldersRecord() {
    ModelInput input = new ModelInput(List.of("ant", "bee"), 28, "stretch",
        Normalization.standardize(new double[] {0.1, 0.2, 0.3}, new double[] {0.4, 0.5, 0.6}));
    assertEquals(input, ModelInput.parse(input.toHocon()));
    ModelInput unit = new ModelInput(List.of("a", "b", "c"), 32, "reject", Normalization.unit());
    assertEquals(unit, ModelInput.parse(unit.toHocon()));
  }

  @Test
  void shouldRefuseAZeroStandardDeviation() {
    assertThrows(IllegalArgumentException.class,
        () -> Normalization.standardize(new double[] {0, 0, 0}, new double[] {1, 0, 1}));
  }
}
