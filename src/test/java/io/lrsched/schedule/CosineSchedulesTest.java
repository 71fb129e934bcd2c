package io.lrsched.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Cosine annealing and SGDR warm restarts. */
class CosineSchedulesTest {
  private static final double EPS = 1e-12;

  @Test
  void shouldAnnealFromLr0ToEtaMinOverTMaxEpochs() {
    CosineAnnealingSchedule s = new CosineAnnealingSchedule(0.1, 0.001, 10, false);
    assertEquals(0.1, s.lr(0, 0, 5), EPS);
    assertEquals(0.001 + 0.099 / 2, s.lr(5, 4, 5), EPS); // cos(pi / 2) = 0; step ignored
    assertEquals(0.001, s.lr(10, 0, 5), EPS);
    // PyTorch's closed form continues past T_max: at 2 * T_max it is back at lr0
    assertEquals(0.1, s.lr(20, 0, 5), EPS);
    assertFalse(s.perStep());
  }

  @Test
  void shouldAnnealEveryStepWithFractionalEpochs() {
    CosineAnnealingSchedule s = new CosineAnnealingSchedule(1.0, 0.0, 2, true);
    // 4 steps per epoch: t = 2 is T_cur = 0.5 epochs of T_max = 2: (1 + cos(pi / 4)) / 2
    assertEquals((1 + Math.cos(Math.PI / 4)) / 2, s.lr(0, 2, 4), EPS);
    // t = 4 (epoch 1 step 0): halfway
    assertEquals(0.5, s.lr(1, 0, 4), EPS);
    assertTrue(s.perStep());
  }

  @Test
  void shouldRestartAtLr0AfterEachCycleThatGrowsByTMult() {
    CosineWarmRestartsSchedule s = new CosineWarmRestartsSchedule(1.0, 0.0, 2, 2, false);
    // cycles: [0, 2), [2, 6), [6, 14)
    assertEquals(1.0, s.lr(0, 0, 1), EPS);
    assertEquals(0.5, s.lr(1, 0, 1), EPS); // T_cur 1 of T_i 2
    assertEquals(1.0, s.lr(2, 0, 1), EPS); // restart
    assertEquals(0.5, s.lr(4, 0, 1), EPS); // T_cur 2 of T_i 4
    assertEquals((1 + Math.cos(Math.PI * 3 / 4)) / 2, s.lr(5, 0, 1), EPS);
    assertEquals(1.0, s.lr(6, 0, 1), EPS); // restart: exact summation, no log rounding
    assertEquals(0.5, s.lr(10, 0, 1), EPS); // T_cur 4 of T_i 8
    assertEquals(1.0, s.lr(14, 0, 1), EPS);
  }

  @Test
  void shouldRestartEveryT0EpochsWithTMultOne() {
    CosineWarmRestartsSchedule s = new CosineWarmRestartsSchedule(0.1, 0.0, 3, 1, true);
    assertEquals(0.1, s.lr(3, 0, 4), EPS);
    assertEquals(0.1, s.lr(6, 0, 4), EPS);
    // epoch 7 step 2 = 7.5 epochs: T_cur 1.5 of 3
    assertEquals(0.05, s.lr(7, 2, 4), EPS);
  }
}
