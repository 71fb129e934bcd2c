package io.lrsched.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * The median stopping rule (Golovin et al. 2017, Google Vizier): after the grace epochs, a trial stops at epoch e if
 * its best val_accuracy so far is below the median, over the completed trials (at least {@code minTrials}), of their
 * running averages of val_accuracy over epochs 1..e.
 *
 * @param graceEpochs epochs always trained
 * @param minTrials completed trials needed before the rule acts
 */
record MedianStoppingRule(int graceEpochs, int minTrials) {

  /**
   * @param epoch the 1-based epoch just finished
   * @param bestSoFar the trial's best val_accuracy over epochs 1..epoch
   * @param completed the per-epoch val_accuracy of each completed trial
   * @return why to stop (the rule's numbers), or empty to go on
   */
  Optional<String> check(int epoch, double bestSoFar, List<List<Double>> completed) {
    if (epoch <= graceEpochs) {
      return Optional.empty();
    }
    List<Double> averages = new ArrayList<>();
    for (List<Double> history : completed) {
      if (history.size() >= epoch) {
        averages.add(history.subList(0, epoch).stream().mapToDouble(Double::doubleValue).average().orElseThrow());
      }
    }
    if (averages.size() < minTrials) {
      return Optional.empty();
    }
    double median = new Median().evaluate(averages.stream().mapToDouble(Double::doubleValue).toArray());
    if (bestSoFar < median) {
      return Optional.of(String.format(Locale.ROOT, "median stopping rule at epoch %d: best val_accuracy %s is below"
          + " the median %s of the running averages of %d completed trials", epoch, bestSoFar, median,
          averages.size()));
    }
    return Optional.empty();
  }
}
