package io.lrsched.sweep;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The tests the sweep's statistics rest on, with Apache Commons Math doing the distributions: Welch's t-test,
 * Holm's step-down correction, percentile-bootstrap intervals and the probability of superiority.
 */
final class Statistics {
  private Statistics() {}

  /**
   * Welch's two-sample t-test (unequal variances).
   *
   * @param t the statistic, (mean a - mean b) / sqrt(var a / n a + var b / n b)
   * @param df the Welch-Satterthwaite degrees of freedom
   * @param p the two-sided p-value
   */
  record Welch(double t, double df, double p) {
    static final Welch UNDEFINED = new Welch(Double.NaN, Double.NaN, Double.NaN);
  }

  /**
   * Welch's test of a against b; undefined (NaN) with fewer than 2 values in a group or no variance in both.
   */
  static Welch welch(double[] a, double[] b) {
    if (a.length < 2 || b.length < 2) {
      return Welch.UNDEFINED;
    }
    double va = StatUtils.variance(a) / a.length;
    double vb = StatUtils.variance(b) / b.length;
    if (va + vb == 0) {
      return Welch.UNDEFINED;
    }
    double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
    // Commons Math's TTest is Welch's test: its p-value uses these same degrees of freedom.
    TTest test = new TTest();
    double t = test.t(a, b);
    double p = test.tTest(a, b);
    return new Welch(t, df, p);
  }

  /**
   * Holm's step-down adjustment (Holm 1979), as R's {@code p.adjust(p, "holm")}: sort ascending, multiply the i-th
   * smallest (0-based) by m - i, make the sequence non-decreasing, cap at 1. NaN entries are left out of the family
   * and stay NaN.
   */
  static double[] holm(double[] p) {
    Integer[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
        .sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
    int m = order.length;
    double[] adjusted = new double[p.length];
    Arrays.fill(adjusted, Double.NaN);
    double running = 0;
    for (int i = 0; i < m; i++) {
      running = Math.max(running, Math.min(1, (m - i) * p[order[i]]));
      adjusted[order[i]] = running;
    }
    return adjusted;
  }

  /** A confidence interval. */
  record Interval(double low, double high) {}

  /**
   * The 95% percentile-bootstrap interval of the mean: {@code resamples} resamples with replacement, the 2.5% and
   * 97.5% quantiles (R's default quantile type 7) of their means.
   */
  static Interval bootstrapMean(double[] x, int resamples, long seed) {
    RandomGenerator rng = new Well19937c(seed);
    double[] means = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      means[r] = resampleMean(x, rng);
    }
    return quantiles(means);
  }

  /** The 95% percentile-bootstrap interval of mean(a) - mean(b), each group resampled on its own. */
  static Interval bootstrapDifference(double[] a, double[] b, int resamples, long seed) {
    RandomGenerator rng = new Well19937c(seed);
    double[] differences = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      differences[r] = resampleMean(a, rng) - resampleMean(b, rng);
    }
    return quantiles(differences);
  }

  private static double resampleMean(double[] x, RandomGenerator rng) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += x[rng.nextInt(x.length)];
    }
    return sum / x.length;
  }

  private static Interval quantiles(double[] values) {
    Percentile percentile = new Percentile().withEstimationType(EstimationType.R_7);
    percentile.setData(values);
    return new Interval(percentile.evaluate(2.5), percentile.evaluate(97.5));
  }

  /**
   * The probability that a value drawn from a beats one drawn from b, over all pairs, ties counting half: the
   * Mann-Whitney U of a divided by n_a * n_b.
   */
  static double probabilityOfSuperiority(double[] a, double[] b) {
    double wins = 0;
    for (double x : a) {
      for (double y : b) {
        wins += x > y ? 1 : x == y ? 0.5 : 0;
      }
    }
    return wins / ((double) a.length * b.length);
  }
}
