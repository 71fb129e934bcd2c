package io.lrsched.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.sweep.Statistics.Interval;
import io.lrsched.sweep.Statistics.Welch;
import java.util.Random;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

/** The sweep's statistics against values published elsewhere or worked out by hand from the definitions. */
class StatisticsTest {

  /** R's {@code sleep} data set (Cushny and Peebles), extra hours of sleep under drug 1 and drug 2. */
  private static final double[] SLEEP_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
  private static final double[] SLEEP_2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

  @Test
  void shouldMatchRsWelchTestOnTheSleepData() {
    // R documentation, ?t.test: t.test(extra ~ group, data = sleep) prints
    // "t = -1.8608, df = 17.776, p-value = 0.07939" (Welch Two Sample t-test).
    Welch w = Statistics.welch(SLEEP_1, SLEEP_2);
    assertEquals(-1.8608, w.t(), 5e-5);
    assertEquals(17.776, w.df(), 5e-4);
    assertEquals(0.07939, w.p(), 5e-6);
  }

  @Test
  void shouldBeUndefinedWithOneSeedOrNoSpread() {
    assertTrue(Double.isNaN(Statistics.welch(new double[] {0.5}, SLEEP_2).p()));
    assertTrue(Double.isNaN(Statistics.welch(new double[] {0.5, 0.5}, new double[] {0.4, 0.4}).p()));
  }

  @Test
  void shouldAdjustLikeHolmsProcedure() {
    // Wikipedia, "Holm-Bonferroni method", example: p = 0.01, 0.04, 0.03, 0.005 at alpha 0.05 rejects H1 and H4
    // only. Adjusted by hand from Holm (1979): sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06,
    // 0.04, then non-decreasing: 0.02, 0.03, 0.06, 0.06.
    double[] adjusted = Statistics.holm(new double[] {0.01, 0.04, 0.03, 0.005});
    assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, adjusted, 1e-15);
    boolean[] rejected = new boolean[4];
    for (int i = 0; i < 4; i++) {
      rejected[i] = adjusted[i] < 0.05;
    }
    assertArrayEquals(new boolean[] {true, false, false, true}, rejected);
  }

  @Test
  void shouldCapHolmAtOneAndSkipUndefinedPValues() {
    // By hand: m = 3 defined values; 0.2 * 3 = 0.6, 0.5 * 2 = 1.0, 0.9 * 1 = 0.9 -> 1.0 (monotone, capped).
    double[] adjusted = Statistics.holm(new double[] {0.9, Double.NaN, 0.2, 0.5});
    assertEquals(1.0, adjusted[0], 1e-15);
    assertTrue(Double.isNaN(adjusted[1]));
    assertEquals(0.6, adjusted[2], 1e-15);
    assertEquals(1.0, adjusted[3], 1e-15);
  }

  @Test
  void shouldCountTiesHalfInTheProbabilityOfSuperiority() {
    double[] a = {1, 2, 3};
    double[] b = {2, 2, 0};
    // By hand: 1 beats 0 (1); 2 ties 2 twice and beats 0 (2); 3 beats all (3): 6 of 9 pairs.
    assertEquals(6.0 / 9, Statistics.probabilityOfSuperiority(a, b), 1e-15);
    // Commons Math's Mann-Whitney U is max(U_a, U_b); here U_a is the larger, and P = U_a / (n_a n_b).
    assertEquals(new MannWhitneyUTest().mannWhitneyU(a, b) / 9, Statistics.probabilityOfSuperiority(a, b), 1e-15);
    assertEquals(3.0 / 9, Statistics.probabilityOfSuperiority(b, a), 1e-15);
  }

  @Test
  void shouldGiveABootstrapIntervalCloseToTheNormalTheoryOneForALargeSample() {
    // For the mean of n = 400 normal values, the percentile bootstrap approaches mean +- 1.96 s / sqrt(n) (times
    // sqrt((n-1)/n), the plug-in variance): a value known independently of resampling.
    Random rng = new Random(3);
    double[] x = new double[400];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.6 + 0.02 * rng.nextGaussian();
    }
    double mean = org.apache.commons.math3.stat.StatUtils.mean(x);
    double se = Math.sqrt(org.apache.commons.math3.stat.StatUtils.variance(x) / x.length * (x.length - 1) / x.length);
    Interval ci = Statistics.bootstrapMean(x, 10_000, 1);
    assertEquals(mean - 1.96 * se, ci.low(), 0.05 * 1.96 * se);
    assertEquals(mean + 1.96 * se, ci.high(), 0.05 * 1.96 * se);
    assertEquals(ci, Statistics.bootstrapMean(x, 10_000, 1), "seeded: the same interval every time");
  }

  @Test
  void shouldCenterTheDifferenceIntervalOnTheDifference() {
    // Shifting every value of a by 0.1 shifts each resample's difference by exactly 0.1 (same seed, same draws).
    double[] a = {0.61, 0.63, 0.60};
    double[] shifted = {0.71, 0.73, 0.70};
    double[] b = {0.58, 0.59, 0.62};
    Interval base = Statistics.bootstrapDifference(a, b, 10_000, 7);
    Interval moved = Statistics.bootstrapDifference(shifted, b, 10_000, 7);
    assertEquals(base.low() + 0.1, moved.low(), 1e-12);
    assertEquals(base.high() + 0.1, moved.high(), 1e-12);
    // A resampled mean of three values lies between their minimum and maximum.
    assertTrue(base.low() >= 0.60 - 0.62 - 1e-12 && base.high() <= 0.63 - 0.58 + 1e-12, base.toString());
  }
}
