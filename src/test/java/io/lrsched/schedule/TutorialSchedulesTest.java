package io.lrsched.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The tutorial's five schedules against the tutorial's own numbers (lr0 0.1, 100 epochs, 391 steps). */
class TutorialSchedulesTest {
  private static final double EPS = 1e-12;
  private static final int STEPS = 391;

  /** Keras prints the LR with 4 decimals in its epoch log line, e.g. {@code lr: 0.0904}. */
  private static String keras(double lr) {
    return String.format(Locale.ROOT, "%.4f", lr);
  }

  @Test
  void shouldKeepTheInitialLrWithoutASchedule() {
    ConstantSchedule none = new ConstantSchedule(0.1);
    assertEquals(0.1, none.lr(0, 0, STEPS), EPS);
    assertEquals(0.1, none.lr(99, 390, STEPS), EPS);
    assertFalse(none.perStep());
  }

  @Test
  void shouldDecayStandardEveryGlobalStep() {
    TimeBasedDecaySchedule standard = new TimeBasedDecaySchedule(0.1, 0.1 / 100);
    assertEquals(0.1, standard.lr(0, 0, STEPS), EPS); // t = 0
    assertEquals(0.1 / 1.001, standard.lr(0, 1, STEPS), EPS); // t = 1: it moves within the epoch
    assertEquals(0.1 / 1.391, standard.lr(1, 0, STEPS), EPS); // t = 391
    assertEquals(0.1 / (1 + 0.001 * (99 * 391 + 390)), standard.lr(99, 390, STEPS), EPS); // last step
    assertTrue(standard.perStep());
  }

  @Test
  void shouldDropStepDecayOneEpochEarlyAsTheTutorialWritesIt() {
    StepDecaySchedule step = new StepDecaySchedule(0.1, 0.25, 15, false);
    for (int e = 0; e <= 13; e++) {
      assertEquals(0.1, step.lr(e, 0, STEPS), EPS, "epoch " + e);
    }
    assertEquals(0.025, step.lr(14, 0, STEPS), EPS); // floor(15 / 15) = 1: the 15th epoch
    assertEquals(0.025, step.lr(28, 0, STEPS), EPS);
    assertEquals(0.00625, step.lr(29, 0, STEPS), EPS); // floor(30 / 15) = 2
    assertEquals(0.1 * Math.pow(0.25, 6), step.lr(99, 0, STEPS), EPS); // floor(100 / 15) = 6
    assertEquals("step", step.name());
  }

  @Test
  void shouldDropStepAlignedAtMultiplesOfDropEvery() {
    StepDecaySchedule aligned = new StepDecaySchedule(0.1, 0.25, 15, true);
    assertEquals(0.1, aligned.lr(14, 0, STEPS), EPS);
    assertEquals(0.025, aligned.lr(15, 0, STEPS), EPS);
    assertEquals(0.00625, aligned.lr(30, 0, STEPS), EPS);
    assertEquals("step-aligned", aligned.name());
  }

  @Test
  void shouldDecayLinearlyToZeroOverMaxEpochs() {
    PolynomialDecaySchedule linear = PolynomialDecaySchedule.linear(0.1, 100);
    assertEquals(0.1, linear.lr(0, 0, STEPS), EPS);
    assertEquals(0.05, linear.lr(50, 0, STEPS), EPS);
    assertEquals(0.001, linear.lr(99, 0, STEPS), EPS);
    assertEquals(0.0, linear.lr(100, 0, STEPS), EPS);
    assertEquals(0.0, linear.lr(150, 0, STEPS), EPS); // clamped, not negative
  }

  @Test
  void shouldMatchTheTutorialsPolyLogLine() {
    PolynomialDecaySchedule poly = PolynomialDecaySchedule.poly(0.1, 100, 5);
    // 0.1 * 0.98^5 = 0.0903920...; the tutorial's log shows "lr: 0.0904" at e = 2
    assertEquals("0.0904", keras(poly.lr(2, 0, STEPS)));
    assertEquals(0.1 * Math.pow(0.98, 5), poly.lr(2, 0, STEPS), EPS);
    assertEquals(0.1, poly.lr(0, 0, STEPS), EPS);
    assertEquals(0.1 * Math.pow(0.5, 5), poly.lr(50, 0, STEPS), EPS);
  }

  @Test
  void shouldRejectStepsOutsideTheEpochForPerStepSchedules() {
    TimeBasedDecaySchedule standard = new TimeBasedDecaySchedule(0.1, 0.001);
    assertThrows(IllegalArgumentException.class, () -> standard.lr(0, STEPS, STEPS));
    assertThrows(IllegalArgumentException.class, () -> standard.lr(-1, 0, STEPS));
    assertThrows(IllegalArgumentException.class, () -> new StepDecaySchedule(0.1, 0.25, 15, false).lr(-1, 0, 1));
  }

  @Test
  void shouldRejectAnUnknownPolynomialName() {
    assertThrows(IllegalArgumentException.class, () -> new PolynomialDecaySchedule("cubic", 0.1, 10, 3));
  }
}
