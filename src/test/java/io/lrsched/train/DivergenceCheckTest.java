package io.lrsched.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DivergenceCheckTest {

  private static StepRecord step(int epoch, int step, int worker, double lr, double loss) {
    return new StepRecord(epoch, step, worker, "driver", 1, lr, lr, loss, 32, 3);
  }

  @Test
  void shouldReportTheFirstNonFiniteLossWithItsEpochStepAndLr() {
    List<StepRecord> round = List.of(
        step(0, 2, 1, 1000, Double.POSITIVE_INFINITY),
        step(0, 0, 0, 1000, 2.3),
        step(0, 2, 0, 1000, Double.NaN),
        step(0, 1, 0, 1000, 1e30),
        step(0, 3, 0, 1000, Double.NaN));
    assertEquals(Optional.of("diverged at epoch 1, step 3: loss NaN at lr 1000"),
        new DivergenceCheck(0).check(round, Double.NaN));
  }

  @Test
  void shouldWriteTheLrAsAUserWritesIt() {
    assertEquals(Optional.of("diverged at epoch 2, step 1: loss Infinity at lr 1e+30"),
        new DivergenceCheck(0).check(List.of(step(1, 0, 0, 1e30, Double.POSITIVE_INFINITY)), 2.0));
    assertEquals(Optional.of("diverged at epoch 2, step 1: loss NaN at lr 0.025"),
        new DivergenceCheck(0).check(List.of(step(1, 0, 0, 0.025, Double.NaN)), 2.0));
  }

  @Test
  void shouldLetAHugeButFiniteLossGoOnWhenTheExplosionRuleIsOff() {
    List<StepRecord> round = List.of(step(4, 10, 0, 0.1, 1e30), step(4, 11, 0, 0.1, 1e30));
    assertEquals(Optional.empty(), new DivergenceCheck(0).check(round, 2.0));
  }

  @Test
  void shouldStopWhenTheRoundsMeanLossExceedsTheFactorTimesTheFirstEpochsLoss() {
    DivergenceCheck check = new DivergenceCheck(10);
    // Mean (19 + 22) / 2 = 20.5 > 10 x 2.0; (19 + 20.9) / 2 = 19.95 is not.
    Optional<String> stop = check.check(List.of(step(2, 5, 0, 0.4, 19), step(2, 6, 0, 0.4, 22)), 2.0);
    assertEquals(Optional.empty(), check.check(List.of(step(2, 5, 0, 0.4, 19), step(2, 6, 0, 0.4, 20.9)), 2.0));
    assertTrue(stop.isPresent());
    assertEquals("diverged at epoch 3, step 7: mean loss 20.50 over the averaging round, above"
        + " training.divergence.loss-factor 10 x the first epoch's 2.000, at lr 0.4", stop.get());
  }

  @Test
  void shouldApplyTheExplosionRuleOnlyOnceTheFirstEpochsLossIsKnown() {
    assertEquals(Optional.empty(), new DivergenceCheck(10).check(List.of(step(0, 5, 0, 0.1, 1e6)), Double.NaN));
  }

  @Test
  void shouldLookOnlyAtTheRoundsStepsAfterARound() {
    List<StepRecord> epoch = List.of(step(1, 0, 0, 0.1, 100), step(1, 5, 0, 0.1, 2), step(1, 6, 0, 0.1, 2));
    assertEquals(Optional.empty(), new DivergenceCheck(10).afterRound(epoch, 5, 2.0));
    assertTrue(new DivergenceCheck(10).afterRound(epoch, 0, 2.0).isPresent());
  }
}
