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
  void shouldGiveRsWelchIntervalOnTheSleepData() {
    // R documentation, ?t.test: t.test(extra ~ group, data = sleep) prints
    // "95 percent confidence interval: -3.3654832 0.2054832".
    Interval ci = Statistics.welch(SLEEP_1, SLEEP_2).ci();
    assertEquals(-3.3654832, ci.low(), 5e-8);
    assertEquals(0.2054832, ci.high(), 5e-8);
  }

  @Test
  void shouldGiveTheStudentIntervalOfAMean() {
    // scipy 1.17.1: stats.t.interval(0.95, 9, loc=mean(g1), scale=stats.sem(g1)) on the sleep data's group 1
    // = (-0.5297804135262318, 2.0297804135262316); R's t.test(sleep$extra[1:10]) prints -0.5297804 2.0297804.
    Interval ci = Statistics.meanInterval(SLEEP_1);
    assertEquals(-0.5297804135262318, ci.low(), 1e-12);
    assertEquals(2.0297804135262316, ci.high(), 1e-12);
    assertTrue(Double.isNaN(Statistics.meanInterval(new double[] {0.5}).low()), "undefined with one value");
  }

  @Test
  void shouldCoverTheTrueMeanOfThreeSeeds95PercentOfTheTime() {
    // 10,000 groups of n = 3 from N(0.6, 0.02^2): a 95% interval must cover 0.6 in 95% +- 1% of them (the Monte
    // Carlo SD is 0.22%). The percentile bootstrap this replaced covers about 75%, a z interval about 80%.
    Random rng = new Random(18);
    int covered = 0;
    int groups = 10_000;
    for (int g = 0; g < groups; g++) {
      double[] x = {0.6 + 0.02 * rng.nextGaussian(), 0.6 + 0.02 * rng.nextGaussian(), 0.6 + 0.02 * rng.nextGaussian()};
      Interval ci = Statistics.meanInterval(x);
      covered += ci.low() <= 0.6 && 0.6 <= ci.high() ? 1 : 0;
    }
    assertEquals(0.95, covered / (double) groups, 0.01);
  }

  @Test
  void shouldCoverTheTrueDifferenceOfThreeSeedsEach95PercentOfTheTime() {
    // Welch's interval is approximate (Satterthwaite's df), but at n = 3 each with equal SDs it is conservative:
    // 10,000 pairs of groups must be covered at least 94% of the time, and not grossly more than 95% + 1% + the
    // excess that equal variances give (about 2 points at df near 4, by simulation in scipy).
    Random rng = new Random(19);
    int covered = 0;
    int pairs = 10_000;
    for (int k = 0; k < pairs; k++) {
      double[] a = {rng.nextGaussian() + 1, rng.nextGaussian() + 1, rng.nextGaussian() + 1};
      double[] b = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
      Interval ci = Statistics.welch(a, b).ci();
      covered += ci.low() <= 1 && 1 <= ci.high() ? 1 : 0;
    }
    double coverage = covered / (double) pairs;
    assertTrue(coverage >= 0.94 && coverage <= 0.98, "coverage " + coverage);
  }

  @Test
  void shouldNeedAsManySeedsAsRsPowerTTest() {
    // R: power.t.test(delta = 1, sd = 1, power = 0.8) gives n = 16.71477 (two-sided, sig.level 0.05), found by
    // uniroot at R's default tolerance of about 1e-4; scipy 1.17.1 solves the same equation to 1e-12:
    // brentq(lambda n: nct.sf(t.isf(0.025, 2 (n - 1)), 2 (n - 1), sqrt(n / 2)) - 0.8, 2, 100) = 16.71475983116192.
    assertEquals(16.71477, Statistics.seedsNeeded(1, 1, 0.05, 0.8), 1e-4);
    assertEquals(16.71475983116192, Statistics.seedsNeeded(1, 1, 0.05, 0.8), 1e-7);
    // scipy 1.17.1: nct.sf(t.isf(0.025, df), df, sqrt(n / 2)) with n = 16.71477, df = 2 (n - 1) = 0.8000003.
    assertEquals(0.8000002547080438, Statistics.power(16.71477, 1, 0.05), 1e-7);
    // Only the standardised difference matters, and it is symmetric.
    assertEquals(16.71475983116192, Statistics.seedsNeeded(-0.02, 0.02, 0.05, 0.8), 1e-7);
    assertTrue(Double.isInfinite(Statistics.seedsNeeded(0, 0.02, 0.05, 0.8)), "no difference, no sample size");
  }

  @Test
  void shouldPoolTheSdOfTwoGroups() {
    // By hand: a = {1, 2, 3} has sum of squares 2, b = {2, 4} has 2; pooled variance (2 + 2) / 3.
    assertEquals(Math.sqrt(4.0 / 3), Statistics.pooledSd(new double[] {1, 2, 3}, new double[] {2, 4}), 1e-15);
  }
}
