package io.lrsched.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Exponential, multi-step and piecewise-constant decay at their boundaries. */
class DecaySchedulesTest {
  private static final double EPS = 1e-12;

  @Test
  void shouldDecayExponentiallyPerEpochOrPerStep() {
    ExponentialDecaySchedule perEpoch = new ExponentialDecaySchedule(0.1, 0.9, false);
    assertEquals(0.1, perEpoch.lr(0, 3, 10), EPS);
    assertEquals(0.1 * 0.81, perEpoch.lr(2, 9, 10), EPS); // step ignored
    assertFalse(perEpoch.perStep());

    ExponentialDecaySchedule perStep = new ExponentialDecaySchedule(0.1, 0.9, true);
    assertEquals(0.1 * Math.pow(0.9, 23), perStep.lr(2, 3, 10), EPS); // t = 2 * 10 + 3
    assertTrue(perStep.perStep());
  }

  @Test
  void shouldDropMultiStepAtTheStartOfEachMilestone() {
    MultiStepSchedule s = new MultiStepSchedule(0.1, List.of(3, 5), 0.1);
    assertEquals(0.1, s.lr(2, 0, 10), EPS);
    assertEquals(0.01, s.lr(3, 0, 10), EPS); // bisect_right([3, 5], 3) = 1
    assertEquals(0.01, s.lr(4, 0, 10), EPS);
    assertEquals(0.001, s.lr(5, 0, 10), 1e-15);
    assertEquals(0.001, s.lr(50, 0, 10), 1e-15);
  }

  @Test
  void shouldSwitchPiecewiseValuesAfterEachBoundaryInclusive() {
    PiecewiseConstantSchedule steps =
        new PiecewiseConstantSchedule(ScheduleUnit.STEPS, List.of(10L, 20L), List.of(1.0, 0.5, 0.1));
    assertEquals(1.0, steps.lr(0, 0, 7), EPS);
    assertEquals(1.0, steps.lr(1, 3, 7), EPS); // t = 10: still values[0] (x <= boundary)
    assertEquals(0.5, steps.lr(1, 4, 7), EPS); // t = 11
    assertEquals(0.5, steps.lr(2, 6, 7), EPS); // t = 20
    assertEquals(0.1, steps.lr(3, 0, 7), EPS); // t = 21
    assertTrue(steps.perStep());

    PiecewiseConstantSchedule epochs =
        new PiecewiseConstantSchedule(ScheduleUnit.EPOCHS, List.of(1L), List.of(0.2, 0.02));
    assertEquals(0.2, epochs.lr(1, 5, 7), EPS);
    assertEquals(0.02, epochs.lr(2, 0, 7), EPS);
    assertFalse(epochs.perStep());
  }
}
