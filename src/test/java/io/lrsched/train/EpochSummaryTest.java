package io.lrsched.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.report.EpochMetrics;
import io.lrsched.schedule.EpochLrTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochSummaryTest {

  private static StepRecord step(int step, int worker, double loss, int examples, int correct) {
    return new StepRecord(0, step, worker, "driver", 1, 0.1, 0.1, loss, examples, correct);
  }

  @Test
  void shouldWeighLossesByImagesAndCountAccuracyOverTheEpoch() {
    EpochLrTable table = new EpochLrTable(2, 3, new double[] {0.3, 0.2, 0.1});
    List<StepRecord> steps = List.of(
        step(0, 0, 2.0, 4, 1), step(0, 1, 1.0, 4, 3),
        step(1, 0, 0.5, 4, 4), step(1, 1, 1.5, 4, 2),
        step(2, 0, 3.0, 2, 0));
    // test split: 3 of 4 right, losses summing to 2.0
    EvaluationResult evaluation = new EvaluationResult(new long[][] {{2, 1}, {0, 1}}, 2.0, 4);

    EpochMetrics m = EpochSummary.of(2, table, steps, evaluation, 12.5, 3, 0.25);

    assertEquals(3, m.epoch(), "Keras counts epochs from 1");
    assertEquals(0.1, m.lr(), 0, "the LR of the epoch's last step, as Keras logs it");
    // (2*4 + 1*4 + 0.5*4 + 1.5*4 + 3*2) / 18 = 26 / 18
    assertEquals(26.0 / 18, m.loss(), 1e-12);
    assertEquals(10.0 / 18, m.accuracy(), 1e-12);
    assertEquals(0.5 + 0.25, m.valLoss(), 1e-12, "mean test loss plus the L2 term");
    assertEquals(0.75, m.valAccuracy(), 1e-12);
  }

  @Test
  void shouldLeaveAccuracyUnknownWhenAWorkerCouldNotCountIt() {
    EpochLrTable table = new EpochLrTable(0, 1, new double[] {0.1});
    EvaluationResult evaluation = new EvaluationResult(new long[][] {{1, 0}, {0, 1}}, 1.0, 2);
    EpochMetrics m = EpochSummary.of(0, table, List.of(step(0, 0, 1.0, 2, -1), step(0, 1, 1.0, 2, 2)),
        evaluation, 1, 1, 0);
    assertTrue(Double.isNaN(m.accuracy()), "one worker reported -1");
    assertEquals(1.0, m.loss(), 0);
  }
}
