package io.lrsched.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Smith's CLR in PyTorch CyclicLR semantics. Setup: base 0.1, max 0.5, half cycle 4 steps (total 8), so
 * the LR climbs 0.1 per step to 0.5 at t = 4 and is back at 0.1 at t = 8.
 */
class CyclicalScheduleTest {
  private static final double EPS = 1e-12;

  private static CyclicalSchedule clr(CyclicalSchedule.Mode mode, double gamma) {
    return new CyclicalSchedule(0.1, 0.5, 4, ScheduleUnit.STEPS, mode, gamma);
  }

  /** The LR at global step t with 3 steps per epoch, so t crosses epoch boundaries. */
  private static double at(LearningRateSchedule s, int t) {
    return s.lr(t / 3, t % 3, 3);
  }

  @Test
  void shouldRunTriangularBetweenBaseAndMax() {
    CyclicalSchedule s = clr(CyclicalSchedule.Mode.TRIANGULAR, 1.0);
    assertEquals(0.1, at(s, 0), EPS);
    assertEquals(0.3, at(s, 2), EPS);
    assertEquals(0.5, at(s, 4), EPS);
    assertEquals(0.3, at(s, 6), EPS);
    assertEquals(0.1, at(s, 8), EPS);
    assertEquals(0.5, at(s, 12), EPS); // second cycle, same amplitude
    assertTrue(s.perStep());
  }

  @Test
  void shouldHalveTheAmplitudeEachCycleInTriangular2() {
    CyclicalSchedule s = clr(CyclicalSchedule.Mode.TRIANGULAR2, 1.0);
    assertEquals(0.5, at(s, 4), EPS); // cycle 1: full height 0.4
    assertEquals(0.3, at(s, 12), EPS); // cycle 2: 0.1 + 0.4 / 2
    assertEquals(0.2, at(s, 20), EPS); // cycle 3: 0.1 + 0.4 / 4
    assertEquals(0.1, at(s, 16), EPS);
  }

  @Test
  void shouldScaleTheAmplitudeByGammaPerStepInExpRange() {
    CyclicalSchedule s = clr(CyclicalSchedule.Mode.EXP_RANGE, 0.9);
    // t = 2: 0.1 + 0.4 * 0.5 * 0.9^2 = 0.262; t = 4: 0.1 + 0.4 * 0.9^4 = 0.36244
    assertEquals(0.262, at(s, 2), EPS);
    assertEquals(0.36244, at(s, 4), EPS);
    // t = 12 (peak of cycle 2): 0.1 + 0.4 * 0.9^12
    assertEquals(0.1 + 0.4 * Math.pow(0.9, 12), at(s, 12), EPS);
  }

  @Test
  void shouldCountStepSizeInEpochsWhenAsked() {
    // half cycle 2 epochs of 3 steps = 6 steps: peak at t = 6 (epoch 2 step 0), midway at t = 3
    CyclicalSchedule s =
        new CyclicalSchedule(0.1, 0.5, 2, ScheduleUnit.EPOCHS, CyclicalSchedule.Mode.TRIANGULAR, 1.0);
    assertEquals(0.5, s.lr(2, 0, 3), EPS);
    assertEquals(0.3, s.lr(1, 0, 3), EPS);
    assertEquals(0.1, s.lr(4, 0, 3), EPS);
  }
}
