package io.lrsched.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.schedule.PlateauPolicy.Mode;
import io.lrsched.schedule.PlateauPolicy.ThresholdMode;
import org.junit.jupiter.api.Test;

/** Warmup and the linear scaling rule wrapped around other schedules. */
class WrapperSchedulesTest {
  private static final double EPS = 1e-12;
  private final StepDecaySchedule step = new StepDecaySchedule(0.1, 0.25, 15, false);

  @Test
  void shouldWarmUpPerEpochFromStartFactorToTheWrappedValue() {
    WarmupSchedule w = new WarmupSchedule(step, 4, ScheduleUnit.EPOCHS, 0.2);
    assertEquals(0.02, w.lr(0, 0, 10), EPS); // 0.2 * lr0
    assertEquals(0.1 * (0.2 + 0.8 * 2 / 4), w.lr(2, 9, 10), EPS); // constant within the epoch
    assertEquals(0.1, w.lr(4, 0, 10), EPS); // done: the wrapped value
    assertEquals(0.025, w.lr(14, 0, 10), EPS); // the wrapped schedule still drops at e = 14
    assertFalse(w.perStep());
    assertEquals("step+warmup", w.name());
  }

  @Test
  void shouldWarmUpPerStepWhenCountedInSteps() {
    WarmupSchedule w = new WarmupSchedule(new ConstantSchedule(1.0), 20, ScheduleUnit.STEPS, 0.5);
    assertEquals(0.5, w.lr(0, 0, 10), EPS);
    assertEquals(0.75, w.lr(1, 0, 10), EPS); // t = 10 of 20
    assertEquals(1.0, w.lr(2, 0, 10), EPS);
    assertTrue(w.perStep());
  }

  @Test
  void shouldScaleByWorkersAfterGradualWarmupFromTheUnscaledLr() {
    LinearScalingSchedule s = new LinearScalingSchedule(step, 4, 2);
    assertEquals(0.1, s.lr(0, 0, 10), EPS); // t = 0: unscaled
    assertEquals(0.1 * (1 + 3 * 0.5), s.lr(1, 0, 10), EPS); // t = 10 of 20
    assertEquals(0.4, s.lr(2, 0, 10), EPS); // k * lr
    assertEquals(0.1, s.lr(14, 0, 10), EPS); // 4 * 0.025
    assertTrue(s.perStep());
    assertTrue(s.toString().contains("workers=4"), s.toString());
    assertEquals(0.4, new LinearScalingSchedule(step, 4, 0).lr(0, 0, 10), EPS);
  }

  @Test
  void shouldPassEpochReportsAndStateThroughWrappers() {
    PlateauPolicy p = new PlateauPolicy(1.0, "val-loss", Mode.MIN, 0.5, 0, 0, ThresholdMode.ABS, 0, 0, 1e-8);
    LearningRateSchedule s =
        new LinearScalingSchedule(new WarmupSchedule(PlateauSchedule.start(p), 1, ScheduleUnit.EPOCHS, 0.5), 2, 0);
    s = s.onEpochEnd(0, 1.0).onEpochEnd(1, 2.0); // second epoch is bad, patience 0: cut to 0.5
    assertEquals(0.5 * 2, s.lr(2, 0, 10), EPS);
    PlateauState state = s.snapshot().orElseThrow();
    assertEquals(0.5, state.lr(), EPS);
    assertTrue(s.toString().contains("linear-scaling") && s.toString().contains("warmup"), s.toString());
    assertEquals("plateau+warmup+linear-scaling", s.name());
    LearningRateSchedule restored =
        new LinearScalingSchedule(new WarmupSchedule(PlateauSchedule.start(p), 1, ScheduleUnit.EPOCHS, 0.5), 2, 0)
            .restore(state);
    assertEquals(s, restored);
  }
}
