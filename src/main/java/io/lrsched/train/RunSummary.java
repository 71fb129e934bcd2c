package io.lrsched.train;

import io.lrsched.report.EpochMetrics;
import java.util.List;

/**
 * What a finished experiment left behind.
 *
 * @param runFolder URI of the run folder
 * @param history one entry per epoch, resumed ones included
 * @param finalEvaluation the last epoch's evaluation on the test split
 * @param stopped whether an {@link EpochListener} stopped the run before its last epoch
 */
public record RunSummary(
    String runFolder, List<EpochMetrics> history, EvaluationResult finalEvaluation, boolean stopped) {
  /** Defensive copy. */
  public RunSummary {
    history = List.copyOf(history);
  }

  /** The number of epochs the run has now. */
  public int epochs() {
    return history.size();
  }

  /** {@code completed} or {@code stopped at epoch N}. */
  public String outcome() {
    return stopped ? "stopped at epoch " + epochs() : "completed";
  }
}
