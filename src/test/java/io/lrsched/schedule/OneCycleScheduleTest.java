package io.lrsched.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * One-cycle against PyTorch OneCycleLR's formulas, worked by hand for a small case: 2 epochs of 5 steps
 * (total_steps = 10), max_lr 1.0, pct_start 0.3, div_factor 25, final_div_factor 1e4. Then initial_lr = 1 /
 * 25 = 0.04 and min_lr = 0.04 / 1e4 = 4e-6. Two phases end at float(0.3 * 10) - 1 = 2.0 and 10 - 1 = 9.
 */
class OneCycleScheduleTest {
  private static final double EPS = 1e-12;
  private static final int SPE = 5;

  private static double at(OneCycleSchedule s, int t) {
    return s.lr(t / SPE, t % SPE, SPE);
  }

  /** PyTorch's _annealing_cos. */
  private static double cos(double start, double end, double pct) {
    return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
  }

  @Test
  void shouldFollowPyTorchsTwoPhaseCosineCycle() {
    OneCycleSchedule s = new OneCycleSchedule(1.0, 2, 0.3, 25, 1e4, OneCycleSchedule.Anneal.COS, false);
    assertEquals(0.04, s.initialLr(), EPS);
    assertEquals(4e-6, s.minLr(), 1e-18);
    // phase 1, steps 0..2, pct = t / 2: 0.04, then 1 + (0.04 - 1) / 2 * (cos(pi/2) + 1) = 0.52, then 1.0
    assertEquals(0.04, at(s, 0), EPS);
    assertEquals(0.52, at(s, 1), EPS);
    assertEquals(1.0, at(s, 2), EPS);
    // phase 2 starts at step 2.0, ends at 9: pct = (t - 2) / 7
    assertEquals(cos(1.0, 4e-6, 1.0 / 7), at(s, 3), EPS); // 0.95048463...
    assertEquals(0.9504846320134737, at(s, 3), EPS);
    assertEquals(cos(1.0, 4e-6, 4.0 / 7), at(s, 6), EPS); // 0.38874197...
    assertEquals(4e-6, at(s, 9), EPS); // pct = 1: min_lr at the last step
    assertEquals(4e-6, s.lr(5, 0, SPE), EPS); // past the end: stays at min_lr
    assertTrue(s.perStep());
  }

  @Test
  void shouldFollowPyTorchsThreePhaseLinearCycle() {
    OneCycleSchedule s = new OneCycleSchedule(1.0, 2, 0.3, 25, 1e4, OneCycleSchedule.Anneal.LINEAR, true);
    // phase ends: 0.3 * 10 - 1 = 2, 2 * 0.3 * 10 - 2 = 4, 9
    assertEquals(0.04, at(s, 0), EPS);
    assertEquals(0.52, at(s, 1), EPS); // (1 - 0.04) * 0.5 + 0.04
    assertEquals(1.0, at(s, 2), EPS);
    assertEquals(0.52, at(s, 3), EPS); // back down: (0.04 - 1) * 0.5 + 1
    assertEquals(0.04, at(s, 4), EPS);
    assertEquals(0.04 + (4e-6 - 0.04) * 0.2, at(s, 5), EPS); // pct = (5 - 4) / 5 = 0.0320008
    assertEquals(4e-6, at(s, 9), EPS);
  }

  @Test
  void shouldScaleTotalStepsWithStepsPerEpoch() {
    OneCycleSchedule s = new OneCycleSchedule(0.1, 10, 0.25, 10, 100, OneCycleSchedule.Anneal.COS, false);
    // 10 epochs of 100 steps: the peak is at float(0.25 * 1000) - 1 = step 249 (epoch 2, step 49)
    assertEquals(0.1, s.lr(2, 49, 100), EPS);
    assertEquals(0.01, s.lr(0, 0, 100), EPS);
    assertEquals(1e-4, s.lr(9, 99, 100), 1e-15);
  }
}
