package io.lrsched.train;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The test split's figures of a run that validated on images held out of training ({@code data.validation-split}):
 * evaluated once, after the last epoch, for the last network and for {@code model-best.zip} (chosen on validation).
 * Losses include the L2 term, as val_loss does.
 *
 * @param lastEpoch the epoch of the last network
 * @param last the last network's evaluation
 * @param lastLoss the last network's test loss
 * @param bestEpoch the epoch of model-best.zip, 0 without one ({@code output.keep-best = false})
 * @param best model-best.zip's evaluation, null without one
 * @param bestLoss model-best.zip's test loss, NaN without one
 */
record FinalTest(int lastEpoch, EvaluationResult last, double lastLoss, int bestEpoch, EvaluationResult best,
    double bestLoss) {

  /** The file's header; one row for the last model, one for the best when there is one. */
  static final String CSV_HEADER = "model,epoch,test_loss,test_accuracy";

  /** test-metrics.csv. */
  String toCsv() {
    StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
    csv.append(row("last", lastEpoch, lastLoss, last.accuracy()));
    if (best != null) {
      csv.append(row("best", bestEpoch, bestLoss, best.accuracy()));
    }
    return csv.toString();
  }

  /** run.json's {@code test}: last_epoch, last_test_loss, last_test_accuracy and the same of best_. */
  Map<String, Double> toMap() {
    Map<String, Double> m = new TreeMap<>();
    m.put("last_epoch", (double) lastEpoch);
    m.put("last_test_loss", lastLoss);
    m.put("last_test_accuracy", last.accuracy());
    if (best != null) {
      m.put("best_epoch", (double) bestEpoch);
      m.put("best_test_loss", bestLoss);
      m.put("best_test_accuracy", best.accuracy());
    }
    return m;
  }

  private static String row(String model, int epoch, double loss, double accuracy) {
    return String.format(Locale.ROOT, "%s,%d,%s,%s%n", model, epoch, loss, accuracy);
  }
}
