package io.lrsched.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Epoch tables for per-step and per-epoch schedules, and the plotting curve. */
class EpochLrTableTest {
  private static final double EPS = 1e-12;

  @Test
  void shouldHoldOneValuePerStepForPerStepSchedules() throws Exception {
    EpochLrTable table = EpochLrTable.of(new TimeBasedDecaySchedule(0.1, 0.001), 1, 391);
    assertTrue(table.perStep());
    assertEquals(391, table.lrs().length);
    assertEquals(0.1 / 1.391, table.lrAt(0), EPS);
    assertEquals(0.1 / (1 + 0.001 * 781), table.lrAt(390), EPS);
    assertEquals(table, SerializationSupport.roundTrip(table));
  }

  @Test
  void shouldHoldASingleValueForEpochSchedules() {
    EpochLrTable table = EpochLrTable.of(new StepDecaySchedule(0.1, 0.25, 15, false), 14, 391);
    assertFalse(table.perStep());
    assertEquals(1, table.lrs().length);
    assertEquals(0.025, table.lrAt(0), EPS);
    assertEquals(0.025, table.lrAt(390), EPS);
    assertThrows(IllegalArgumentException.class, () -> table.lrAt(391));
    assertThrows(IllegalArgumentException.class, () -> table.lrAt(-1));
  }

  @Test
  void shouldNotExposeItsArray() {
    EpochLrTable table = new EpochLrTable(0, 2, new double[] {1, 2});
    table.lrs()[0] = 99;
    assertEquals(1, table.lrAt(0), EPS);
    assertThrows(IllegalArgumentException.class, () -> new EpochLrTable(0, 3, new double[] {1, 2}));
  }

  @Test
  void shouldSampleACurvePerEpochAndPerStep() {
    ScheduleCurve curve = ScheduleCurve.sample(new TimeBasedDecaySchedule(1.0, 1.0), 3, 2);
    assertArrayEquals(new double[] {1.0, 1.0 / 3, 1.0 / 5}, curve.epochLr(), EPS);
    assertArrayEquals(new double[] {1.0, 0.5, 1.0 / 3, 0.25, 0.2, 1.0 / 6}, curve.stepLr(), EPS);
    ScheduleCurve step = ScheduleCurve.sample(new StepDecaySchedule(1.0, 0.5, 2, false), 3, 2);
    assertArrayEquals(new double[] {1.0, 0.5, 0.5}, step.epochLr(), EPS);
    assertArrayEquals(new double[] {1.0, 1.0, 0.5, 0.5, 0.5, 0.5}, step.stepLr(), EPS);
  }
}
