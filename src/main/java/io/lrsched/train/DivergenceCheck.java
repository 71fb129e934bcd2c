package io.lrsched.train;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides on the driver, after every averaging round, whether the run diverged, from the step records the workers
 * sent for the round: a NaN or infinite loss always; a round whose mean loss exceeds {@code
 * training.divergence.loss-factor} times the first epoch's mean training loss when that rule is on. The LR finder
 * has its own stop rule ({@code lr-finder.stop-factor}) and does not use this.
 */
final class DivergenceCheck {
  private final double lossFactor;

  /** @param lossFactor {@code training.divergence.loss-factor}; 0 = only non-finite losses stop the run */
  DivergenceCheck(double lossFactor) {
    this.lossFactor = lossFactor;
  }

  /**
   * @param epochSoFar the epoch's step records gathered so far
   * @param firstStep the round's first global step (0-based): only its records and later ones are looked at
   * @param firstEpochLoss the first epoch's mean training loss, NaN while the first epoch runs
   * @return the one line to report, or empty
   */
  Optional<String> afterRound(List<StepRecord> epochSoFar, int firstStep, double firstEpochLoss) {
    return check(epochSoFar.stream().filter(r -> r.step() >= firstStep).toList(), firstEpochLoss);
  }

  /**
   * @param round the round's step records (every worker, every step of the round)
   * @param firstEpochLoss the first epoch's mean training loss, NaN while the first epoch runs
   * @return the one line to report, e.g. {@code diverged at epoch 1, step 3: loss NaN at lr 1000}, or empty
   */
  Optional<String> check(List<StepRecord> round, double firstEpochLoss) {
    Optional<StepRecord> nonFinite = round.stream()
        .filter(r -> !Double.isFinite(r.loss()))
        .min(Comparator.comparingInt(StepRecord::step).thenComparingInt(StepRecord::worker));
    if (nonFinite.isPresent()) {
      StepRecord r = nonFinite.get();
      return Optional.of(where(r) + ": loss " + r.loss() + " at lr " + lr(r.lr()));
    }
    if (lossFactor == 0 || !Double.isFinite(firstEpochLoss) || round.isEmpty()) {
      return Optional.empty();
    }
    double mean = round.stream().mapToDouble(StepRecord::loss).average().orElseThrow();
    if (mean <= lossFactor * firstEpochLoss) {
      return Optional.empty();
    }
    StepRecord lastStep = round.stream()
        .max(Comparator.comparingInt(StepRecord::step).thenComparingInt(StepRecord::worker)).orElseThrow();
    return Optional.of(String.format(Locale.ROOT, "%s: mean loss %.4g over the averaging round, above"
        + " training.divergence.loss-factor %s x the first epoch's %.4g, at lr %s", where(lastStep), mean,
        lr(lossFactor), firstEpochLoss, lr(lastStep.lr())));
  }

  /** Epoch and step counted from 1, as the console's epoch lines and progress bar count them. */
  private static String where(StepRecord r) {
    return "diverged at epoch " + (r.epoch() + 1) + ", step " + (r.step() + 1);
  }

  /** A learning rate as a user writes it: 1000, 0.1, 3.5e-5, 1e+30 (six significant digits at most). */
  private static String lr(double lr) {
    if (!Double.isFinite(lr)) {
      return Double.toString(lr);
    }
    BigDecimal d = new BigDecimal(lr).round(new MathContext(6)).stripTrailingZeros();
    boolean plain = lr == 0 || Math.abs(lr) >= 1e-4 && Math.abs(lr) < 1e7;
    return plain ? d.toPlainString() : d.toString().replace("E", "e");
  }
}
