package io.lrsched.sweep;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The tests the sweep's statistics rest on, with Apache Commons Math doing the distributions: Student-t intervals of
 * a mean, Welch's t-test and its interval, Holm's step-down correction, the seeds a t-test needs for a given power,
 * and the probability of superiority.
 *
 * <p>No bootstrap: with the 3 to 10 seeds of a sweep a percentile bootstrap interval of a mean is close to the
 * range of the values (with 3 it is exactly [min, max]) and covers the true mean far less often than it claims;
 * the t-intervals hold their level at any n for normal noise, which seed-to-seed accuracies approximate well.
 */
final class Statistics {
  private Statistics() {}

  /** A confidence interval; NaN ends when undefined. */
  record Interval(double low, double high) {
    static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);

    boolean excludesZero() {
      return low > 0 || high < 0;
    }
  }

  /**
   * Welch's two-sample t-test (unequal variances).
   *
   * @param t the statistic, (mean a - mean b) / sqrt(var a / n a + var b / n b)
   * @param df the Welch-Satterthwaite degrees of freedom
   * @param p the two-sided p-value
   * @param ci the 95% Welch interval of mean a - mean b: the interval of this very test (it excludes 0 exactly when
   *     p < 0.05), unadjusted for multiplicity
   */
  record Welch(double t, double df, double p, Interval ci) {
    static final Welch UNDEFINED = new Welch(Double.NaN, Double.NaN, Double.NaN, Interval.UNDEFINED);
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
    double difference = StatUtils.mean(a) - StatUtils.mean(b);
    double half = new TDistribution(null, df).inverseCumulativeProbability(0.975) * Math.sqrt(va + vb);
    return new Welch(t, df, p, new Interval(difference - half, difference + half));
  }

  /** The 95% Student-t interval of the mean, mean +- t(0.975, n - 1) s / sqrt(n); undefined below 2 values. */
  static Interval meanInterval(double[] x) {
    if (x.length < 2) {
      return Interval.UNDEFINED;
    }
    double mean = StatUtils.mean(x);
    double half = new TDistribution(null, x.length - 1).inverseCumulativeProbability(0.975)
        * Math.sqrt(StatUtils.variance(x) / x.length);
    return new Interval(mean - half, mean + half);
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

  /**
   * The SD pooled over two groups, sqrt(((n a - 1) var a + (n b - 1) var b) / (n a + n b - 2)); NaN below 3 values.
   */
  static double pooledSd(double[] a, double[] b) {
    int df = a.length + b.length - 2;
    if (a.length < 1 || b.length < 1 || df < 1) {
      return Double.NaN;
    }
    double ssa = a.length < 2 ? 0 : StatUtils.variance(a) * (a.length - 1);
    double ssb = b.length < 2 ? 0 : StatUtils.variance(b) * (b.length - 1);
    return Math.sqrt((ssa + ssb) / df);
  }

  /** The most seeds per group {@link #seedsNeeded} looks at; more is "more than this". */
  static final double MOST_SEEDS = 1e6;

  /**
   * Seeds per group for which a two-sided two-sample t-test at {@code level} detects a true difference {@code
   * delta} between groups of SD {@code sd} with probability {@code power}, as R's {@code power.t.test(delta, sd,
   * sig.level, power)} computes it (equal groups, n - 1 degrees of freedom each, the far tail ignored): not an
   * integer; infinite when delta is 0 or the answer exceeds {@link #MOST_SEEDS}.
   */
  static double seedsNeeded(double delta, double sd, double level, double power) {
    double effect = Math.abs(delta) / sd;
    if (!(effect > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    if (power(2, effect, level) >= power) {
      return 2;
    }
    if (power(MOST_SEEDS, effect, level) < power) {
      return Double.POSITIVE_INFINITY;
    }
    return new BrentSolver(1e-10, 1e-9).solve(1000, n -> power(n, effect, level) - power, 2, MOST_SEEDS);
  }

  /**
   * Power of the two-sided two-sample t-test with n per group and a standardised difference {@code effect}: the
   * probability that the noncentral t (df 2(n - 1), noncentrality effect sqrt(n / 2)) exceeds the test's critical
   * value c. Commons Math has no noncentral t, so its upper tail is integrated directly: with T' = (Z + ncp) / (W /
   * sqrt(df)), W the square root of a chi-squared with df degrees of freedom, P(T' > c) = E[Phi(ncp - c W /
   * sqrt(df))]. W has an SD below 0.71 at every df >= 2, so Simpson's rule on sqrt(df) +- 9 (13 SDs) with {@value
   * #SIMPSON_STEPS} steps integrates a smooth integrand over all of W's mass.
   */
  static double power(double n, double effect, double level) {
    double df = 2 * (n - 1);
    double ncp = effect * Math.sqrt(n / 2);
    double critical = new TDistribution(null, df).inverseCumulativeProbability(1 - level / 2);
    // log of the chi-squared density without its v-dependent part, computed once: (df/2) log 2 + log Gamma(df/2).
    double logNorm = df / 2 * Math.log(2) + Gamma.logGamma(df / 2);
    double low = Math.max(0, Math.sqrt(df) - 9);
    double step = (Math.sqrt(df) + 9 - low) / SIMPSON_STEPS;
    double sum = 0;
    for (int i = 0; i <= SIMPSON_STEPS; i++) {
      double w = low + i * step;
      // The density of W is 2 w f(w^2), f the chi-squared density; it is 0 at w = 0 for df >= 2.
      double density = w == 0 ? 0 : 2 * w * Math.exp((df / 2 - 1) * Math.log(w * w) - w * w / 2 - logNorm);
      double weight = i == 0 || i == SIMPSON_STEPS ? 1 : i % 2 == 1 ? 4 : 2;
      sum += weight * density * NORMAL.cumulativeProbability(ncp - critical * w / Math.sqrt(df));
    }
    return sum * step / 3;
  }

  private static final int SIMPSON_STEPS = 2000;

  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

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
