package io.lrsched.train;

import io.lrsched.report.EpochMetrics;
import io.lrsched.schedule.EpochLrTable;
import java.util.List;

/** Folds one epoch's worker records and evaluation into the figures Keras prints for an epoch. */
final class EpochSummary {
  private EpochSummary() {}

  /**
   * @param epoch 0-based epoch
   * @param table the epoch's learning-rate table
   * @param steps what every worker recorded for every step (loss includes the L2 term, as Keras' loss does)
   * @param evaluation the test split's evaluation after the epoch
   * @param seconds wall time of the epoch, evaluation included
   * @param stepsPerEpoch global steps in the epoch
   * @param regularization the L2 term of the network after the epoch, added to the test loss as Keras does
   * @return the epoch's metrics; the learning rate is the one in use at the epoch's last step, as Keras logs it
   */
  static EpochMetrics of(
      int epoch,
      EpochLrTable table,
      List<StepRecord> steps,
      EvaluationResult evaluation,
      double seconds,
      int stepsPerEpoch,
      double regularization) {
    double lossSum = 0;
    long examples = 0;
    long correct = 0;
    boolean accuracyKnown = true;
    for (StepRecord r : steps) {
      lossSum += r.loss() * r.examples();
      examples += r.examples();
      correct += r.correct();
      accuracyKnown &= r.correct() >= 0;
    }
    double loss = examples == 0 ? Double.NaN : lossSum / examples;
    double accuracy = examples == 0 || !accuracyKnown ? Double.NaN : (double) correct / examples;
    return new EpochMetrics(
        epoch + 1,
        table.lrAt(stepsPerEpoch - 1),
        loss,
        accuracy,
        evaluation.meanLoss() + regularization,
        evaluation.accuracy(),
        seconds,
        stepsPerEpoch);
  }
}
