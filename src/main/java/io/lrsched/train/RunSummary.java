package io.lrsched.train;

import io.lrsched.report.EpochMetrics;
import java.util.List;

/**
 * What a finished experiment left behind.
 *
 * @param runFolder URI of the run folder
 * @param history one entry per epoch
 * @param finalEvaluation the last epoch's evaluation on the test split
 */
public record RunSummary(String runFolder, List<EpochMetrics> history, EvaluationResult finalEvaluation) {
  /** Defensive copy. */
  public RunSummary {
    history = List.copyOf(history);
  }
}
