package io.lrsched.finder;

import java.util.Arrays;
import java.util.Locale;

/**
 * A finished range test: every point's learning rate, raw and smoothed loss, and the initial learning rate it
 * suggests, two ways.
 *
 * <ul>
 *   <li><b>steepest</b>: where the smoothed loss falls fastest against {@code ln(lr)}, looking only at the points up
 *       to the smoothed minimum (after it the loss climbs, and a spike past the minimum is no descent), skipping the
 *       first {@value #SKIP_START} (or up to half of them before the minimum). The slope is
 *       numpy's {@code gradient}: central differences inside, one-sided at the ends. NaN with fewer than two points
 *       up to the minimum.
 *   <li><b>minimum / 10</b>: the learning rate of the smallest smoothed loss divided by 10 (fast.ai's rule of thumb:
 *       at the minimum the LR is already too high to train with).
 * </ul>
 *
 * @param lrs learning rate of each point
 * @param losses raw loss of each point
 * @param smoothed smoothed, bias-corrected loss of each point
 * @param stoppedEarly whether the sweep ended before its last minibatch
 * @param minimumIndex index of the smallest finite smoothed loss, -1 if none is finite
 * @param steepestIndex index of the steepest descent, -1 if there is none
 */
public record LrFinderResult(
    double[] lrs, double[] losses, double[] smoothed, boolean stoppedEarly, int minimumIndex, int steepestIndex) {

  /**
   * Points at the start left out of the steepest-descent search, as fast.ai does ({@code skip_start=10}): there the
   * moving average has seen only a few noisy losses, and on CIFAR-10's quickstart the first step's spurious dip
   * made 1e-6 the "steepest" point (seen in a real run).
   */
  static final int SKIP_START = 10;

  /** The CSV header. */
  public static final String CSV_HEADER = "lr,loss,smoothed";

  /** Copies the arrays, which must have the same length. */
  public LrFinderResult {
    if (lrs.length != losses.length || lrs.length != smoothed.length) {
      throw new IllegalArgumentException("a range test needs as many losses as learning rates");
    }
    lrs = lrs.clone();
    losses = losses.clone();
    smoothed = smoothed.clone();
  }

  /** Computes the suggestions from the points. */
  static LrFinderResult of(double[] lrs, double[] losses, double[] smoothed, boolean stoppedEarly) {
    int minimum = -1;
    for (int i = 0; i < smoothed.length; i++) {
      if (Double.isFinite(smoothed[i]) && (minimum < 0 || smoothed[i] < smoothed[minimum])) {
        minimum = i;
      }
    }
    int steepest = -1;
    if (minimum >= 1) {
      double[] slope = gradient(Arrays.copyOf(smoothed, minimum + 1), logs(Arrays.copyOf(lrs, minimum + 1)));
      for (int i = Math.min(SKIP_START, minimum / 2); i < slope.length; i++) {
        if (Double.isFinite(slope[i]) && (steepest < 0 || slope[i] < slope[steepest])) {
          steepest = i;
        }
      }
    }
    return new LrFinderResult(lrs, losses, smoothed, stoppedEarly, minimum, steepest);
  }

  /** numpy.gradient(y, x): central differences inside, one-sided differences at both ends. */
  static double[] gradient(double[] y, double[] x) {
    int n = y.length;
    double[] g = new double[n];
    if (n < 2) {
      Arrays.fill(g, Double.NaN);
      return g;
    }
    g[0] = (y[1] - y[0]) / (x[1] - x[0]);
    g[n - 1] = (y[n - 1] - y[n - 2]) / (x[n - 1] - x[n - 2]);
    for (int i = 1; i < n - 1; i++) {
      // numpy's second-order formula for uneven spacing; equal to (y[i+1] - y[i-1]) / (2h) for even spacing.
      double hs = x[i] - x[i - 1];
      double hd = x[i + 1] - x[i];
      g[i] = (hs * hs * y[i + 1] + (hd * hd - hs * hs) * y[i] - hd * hd * y[i - 1]) / (hs * hd * (hd + hs));
    }
    return g;
  }

  private static double[] logs(double[] values) {
    return Arrays.stream(values).map(Math::log).toArray();
  }

  /** The LR of steepest descent, NaN if there is none. */
  public double steepestLr() {
    return steepestIndex < 0 ? Double.NaN : lrs[steepestIndex];
  }

  /** The LR at the smallest smoothed loss, NaN if none is finite. */
  public double minimumLr() {
    return minimumIndex < 0 ? Double.NaN : lrs[minimumIndex];
  }

  /** The LR at the smallest smoothed loss, divided by 10. */
  public double minimumOverTenLr() {
    return minimumLr() / 10;
  }

  /** The suggestion to use: the steepest descent, or minimum / 10 when there is no descent. */
  public double suggestedLr() {
    double steepest = steepestLr();
    return Double.isNaN(steepest) ? minimumOverTenLr() : steepest;
  }

  /** Number of points. */
  public int size() {
    return lrs.length;
  }

  /** One row per point under {@link #CSV_HEADER}; {@link Double#toString} keeps every digit. */
  public String toCsv() {
    StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
    for (int i = 0; i < lrs.length; i++) {
      csv.append(lrs[i]).append(',').append(losses[i]).append(',').append(smoothed[i]).append('\n');
    }
    return csv.toString();
  }

  /** The suggestions as the command prints them and {@code suggestion.txt} keeps them. */
  public String suggestionText() {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "points: %d%s%n", lrs.length,
        stoppedEarly ? " (stopped early: the smoothed loss blew up)" : ""));
    if (minimumIndex >= 0) {
      text.append(String.format(Locale.ROOT, "minimum smoothed loss: %.4f at lr %.3e%n",
          smoothed[minimumIndex], lrs[minimumIndex]));
    }
    text.append(String.format(Locale.ROOT, "suggested lr (steepest descent): %s%n", show(steepestLr())));
    text.append(String.format(Locale.ROOT, "suggested lr (minimum / 10): %s%n", show(minimumOverTenLr())));
    return text.toString();
  }

  private static String show(double lr) {
    return Double.isNaN(lr) ? "none (the loss never fell)" : String.format(Locale.ROOT, "%.3e", lr);
  }

  @Override
  public double[] lrs() {
    return lrs.clone();
  }

  @Override
  public double[] losses() {
    return losses.clone();
  }

  @Override
  public double[] smoothed() {
    return smoothed.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LrFinderResult r
        && Arrays.equals(lrs, r.lrs) && Arrays.equals(losses, r.losses) && Arrays.equals(smoothed, r.smoothed)
        && stoppedEarly == r.stoppedEarly && minimumIndex == r.minimumIndex && steepestIndex == r.steepestIndex;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(lrs) + Arrays.hashCode(losses)) + Arrays.hashCode(smoothed);
  }

  @Override
  public String toString() {
    return "LrFinderResult[" + lrs.length + " points, steepest lr " + steepestLr() + ", minimum lr " + minimumLr()
        + "]";
  }
}
