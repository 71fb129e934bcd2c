package io.lrsched.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Adaptive seeds: the error rate over all looks, by simulation without Spark, and the rounds replayed from states. */
class SeedRoundsTest {

  /** Outcome of one simulated sweep. */
  private record Sweep(boolean anyReal, boolean bestNamed, int looks) {}

  /**
   * One sweep of groups whose true means are {@code means} (SD 1), run as the sweep runs it: the initial seeds, then
   * rounds while {@link SeedRounds#toExtend} asks for seeds; at every look the verdicts are those the report prints
   * (Holm-adjusted p below the look's level).
   */
  private static Sweep simulate(SeedRounds rounds, double[] means, int initial, Random rng) {
    List<double[]> groups = new ArrayList<>();
    for (double mean : means) {
      double[] x = new double[initial];
      for (int i = 0; i < initial; i++) {
        x[i] = mean + rng.nextGaussian();
      }
      groups.add(x);
    }
    boolean anyReal = false;
    int looks = 0;
    while (true) {
      looks++;
      double level = rounds.level(rounds.look(groups.stream().mapToInt(x -> x.length).max().orElse(0)));
      double[][] p = SeedRounds.adjustedP(groups);
      for (int i = 0; i < groups.size(); i++) {
        for (int j = i + 1; j < groups.size(); j++) {
          anyReal |= p[i][j] < level;
        }
      }
      Set<Integer> extend = rounds.toExtend(groups);
      if (extend.isEmpty()) {
        boolean bestNamed = true;
        for (int j = 1; j < groups.size(); j++) {
          bestNamed &= p[0][j] < level && mean(groups.get(0)) > mean(groups.get(j));
        }
        return new Sweep(anyReal, bestNamed, looks);
      }
      for (int g : extend) {
        double[] x = Arrays.copyOf(groups.get(g), groups.get(g).length + 1);
        x[x.length - 1] = means[g] + rng.nextGaussian();
        groups.set(g, x);
      }
    }
  }

  private static double mean(double[] x) {
    return Arrays.stream(x).average().orElse(Double.NaN);
  }

  /** Shares over {@code sweeps} simulated sweeps: any "real" verdict, the best group named, and mean rounds. */
  private record Rates(double anyReal, double bestNamed, double rounds) {}

  private static Rates rates(SeedRounds rounds, double[] means, int initial, int sweeps, long seed) {
    Random rng = new Random(seed);
    int anyReal = 0;
    int bestNamed = 0;
    int looks = 0;
    for (int s = 0; s < sweeps; s++) {
      Sweep sweep = simulate(rounds, means, initial, rng);
      anyReal += sweep.anyReal() ? 1 : 0;
      bestNamed += sweep.bestNamed() ? 1 : 0;
      looks += sweep.looks();
    }
    Rates rates = new Rates(anyReal / (double) sweeps, bestNamed / (double) sweeps, looks / (double) sweeps);
    System.out.println(rates);
    return rates;
  }

  @Test
  void shouldKeepTheFalsePositiveRateOfFiveEqualGroupsAtFivePercentOverAllLooks() {
    // 2,000 sweeps of 5 groups with equal true means, seeds { initial = 3, max = 10 } (8 looks): the share with any
    // "real difference" verdict at any look must stay at 0.05 plus Monte Carlo error (SD sqrt(0.05 0.95 / 2000) =
    // 0.0049; allowed: 2 SDs). Testing every look at 0.05, without spending, gave 0.1155.
    Rates rates = rates(new SeedRounds(3, 10), new double[5], 3, 2000, 1801);
    assertTrue(rates.anyReal() <= 0.05 + 2 * 0.0049, "any-false-positive rate " + rates.anyReal());
    assertTrue(rates.rounds() > 7, "undecided sweeps run to max: most take all 8 looks");
  }

  @Test
  void shouldDecideATrueDifferenceOfOneSdInMostSweeps() {
    // 2,000 sweeps of 2 groups whose true means differ by 1 SD, seeds { initial = 3, max = 30 }: most sweeps must
    // call the better group better. (A fixed 30 seeds each at 0.05 has power 0.9678, scipy 1.17.1:
    // nct.sf(t.isf(0.025, 58), 58, sqrt(15)); the looks' spending costs a little of it.)
    Rates rates = rates(new SeedRounds(3, 30), new double[] {1, 0}, 3, 2000, 1802);
    assertTrue(rates.bestNamed() > 0.8, "decided in " + rates.bestNamed());
    assertTrue(rates.rounds() < 27, "decided early in many sweeps: fewer looks than the 28 planned");
  }
}
