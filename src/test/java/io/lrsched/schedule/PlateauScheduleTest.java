package io.lrsched.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.schedule.PlateauPolicy.Mode;
import io.lrsched.schedule.PlateauPolicy.ThresholdMode;
import org.junit.jupiter.api.Test;

/** ReduceLROnPlateau with PyTorch semantics: patience, threshold, cooldown, min-lr, snapshot and restore. */
class PlateauScheduleTest {
  private static final double EPS = 1e-12;

  private static PlateauPolicy policy(Mode mode, ThresholdMode thresholdMode, double threshold, int cooldown) {
    return new PlateauPolicy(1.0, "val-loss", mode, 0.5, 2, threshold, thresholdMode, cooldown, 0.2, 1e-8);
  }

  /** Reports values for epochs 0, 1, ... and returns the LR in use after each report. */
  private static double[] run(LearningRateSchedule s, double... values) {
    double[] lrs = new double[values.length];
    for (int e = 0; e < values.length; e++) {
      s = s.onEpochEnd(e, values[e]);
      lrs[e] = s.lr(e + 1, 0, 10);
    }
    return lrs;
  }

  @Test
  void shouldReduceOnlyAfterMoreThanPatienceBadEpochs() {
    PlateauSchedule s = PlateauSchedule.start(policy(Mode.MIN, ThresholdMode.ABS, 0, 0));
    assertEquals(1.0, s.lr(0, 0, 10), EPS);
    double[] lrs = run(s, 5, 5, 5, 5, 4, 4, 4, 4);
    // e0 best = 5; e1..e2 bad 1, 2 (= patience, no cut); e3 bad 3 > 2: cut to 0.5
    assertEquals(1.0, lrs[2], EPS);
    assertEquals(0.5, lrs[3], EPS);
    // e4 improves (4 < 5) and resets; e5..e7 bad 1, 2, 3: cut to 0.25
    assertEquals(0.5, lrs[6], EPS);
    assertEquals(0.25, lrs[7], EPS);
  }

  @Test
  void shouldNotCountChangesWithinARelativeThresholdAsImprovement() {
    PlateauSchedule rel = PlateauSchedule.start(policy(Mode.MIN, ThresholdMode.REL, 0.1, 0));
    // best 10; 9.5, 9.2, 9.1 are not below 10 * (1 - 0.1) = 9: bad 1, 2, 3 -> cut at e3
    double[] lrs = run(rel, 10, 9.5, 9.2, 9.1);
    assertEquals(0.5, lrs[3], EPS);
    // the same values with threshold 0 are all improvements
    PlateauSchedule none = PlateauSchedule.start(policy(Mode.MIN, ThresholdMode.REL, 0, 0));
    assertEquals(1.0, run(none, 10, 9.5, 9.2, 9.1)[3], EPS);
    // absolute threshold 0.25: 9.8 is not below 10 - 0.25 = 9.75, so best stays 10
    PlateauSchedule abs = PlateauSchedule.start(policy(Mode.MIN, ThresholdMode.ABS, 0.25, 0));
    PlateauSchedule afterTwo = (PlateauSchedule) abs.onEpochEnd(0, 10).onEpochEnd(1, 9.8);
    assertEquals(10, afterTwo.state().best(), EPS);
    assertEquals(1, afterTwo.state().numBadEpochs());
  }

  @Test
  void shouldIgnoreBadEpochsDuringCooldownAndStopAtMinLr() {
    PlateauSchedule s = PlateauSchedule.start(policy(Mode.MIN, ThresholdMode.ABS, 0, 1));
    double[] lrs = run(s, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5);
    // cut at e3 (bad 3); e4 is cooldown (bad reset); e5, e6, e7 bad 1, 2, 3: cut at e7 (not e6)
    assertEquals(0.5, lrs[3], EPS);
    assertEquals(0.5, lrs[6], EPS);
    assertEquals(0.25, lrs[7], EPS);
    // e8 cooldown, e9..e11: cut at e11 to max(0.125, min-lr 0.2) = 0.2, and no lower afterwards
    assertEquals(0.2, lrs[11], EPS);
    assertEquals(0.2, lrs[15], EPS);
  }

  @Test
  void shouldTreatHigherAsBetterInMaxMode() {
    PlateauSchedule s = PlateauSchedule.start(policy(Mode.MAX, ThresholdMode.ABS, 0, 0));
    double[] rising = run(s, 0.5, 0.6, 0.7, 0.8);
    assertEquals(1.0, rising[3], EPS);
    double[] falling = run(s, 0.5, 0.4, 0.3, 0.2);
    assertEquals(0.5, falling[3], EPS);
  }

  @Test
  void shouldResumeFromASnapshotExactlyAsIfNeverStopped() throws Exception {
    PlateauPolicy p = policy(Mode.MIN, ThresholdMode.REL, 1e-4, 1);
    double[] values = {5, 4, 4.5, 4.2, 4.1, 4.3, 4.0, 4.4, 4.4, 4.4, 4.4, 4.4};
    LearningRateSchedule straight = PlateauSchedule.start(p);
    for (int e = 0; e < values.length; e++) {
      straight = straight.onEpochEnd(e, values[e]);
    }

    LearningRateSchedule first = PlateauSchedule.start(p);
    for (int e = 0; e < 5; e++) {
      first = first.onEpochEnd(e, values[e]);
    }
    PlateauState saved = SerializationSupport.roundTrip(first.snapshot().orElseThrow());
    LearningRateSchedule resumed = PlateauSchedule.start(p).restore(saved);
    for (int e = 5; e < values.length; e++) {
      resumed = resumed.onEpochEnd(e, values[e]);
    }
    assertEquals(straight.snapshot().orElseThrow(), resumed.snapshot().orElseThrow());
    assertTrue(straight.lr(12, 0, 1) < 1.0, "the sequence must reduce at least once to test anything");
  }

  @Test
  void shouldRejectEpochsOutOfOrder() {
    LearningRateSchedule s = PlateauSchedule.start(policy(Mode.MIN, ThresholdMode.REL, 0, 0)).onEpochEnd(3, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.onEpochEnd(3, 1));
    assertTrue(e.getMessage().contains("epoch 3"), e.getMessage());
  }

  @Test
  void shouldKeepPureSchedulesUnchangedByEpochReports() {
    StepDecaySchedule step = new StepDecaySchedule(0.1, 0.25, 15, false);
    assertEquals(step, step.onEpochEnd(0, 123));
    assertTrue(step.snapshot().isEmpty());
    assertThrows(IllegalArgumentException.class, () -> step.restore(new PlateauState(0.1, 1, 0, 0, 0)));
  }
}
