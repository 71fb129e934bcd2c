package io.lrsched.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Adaptive seeds ({@code sweep.seeds = { initial, max }}): every group runs its first {@code initial} seeds; then,
 * round after round, each group still in an undecided pair with the leader (the group with the best mean of the
 * verdict metric) gets its next seed, until every such pair is decided or has {@code max} seeds. A list of seeds is
 * the special case initial = max: one round, one look.
 *
 * <p>Looking at the data after every round and stopping when a verdict is "real" would inflate the false-positive
 * rate. The error rate is spent across the planned looks by Bonferroni's inequality: look k of K = max - initial + 1
 * calls a difference real when its Holm-adjusted p is below alpha_k, with half of {@link #ALPHA} kept for the last
 * look (it sees the most seeds, so most verdicts are made there) and the other half split evenly over the earlier
 * ones; the alpha_k sum to {@link #ALPHA}, so the probability of any false "real difference" over all looks is at
 * most {@link #ALPHA} (the union bound). Which groups get seeds depends on earlier looks; {@code SeedRoundsTest}
 * checks by simulation that the bound still holds. Stopping a group without a verdict (at {@code max}) can only
 * lower the rate.
 *
 * <p>Which trials are wanted is replayed from the trials' states on every call, so any number of invocations (cron,
 * {@code --time-budget}) make the same decisions, and trial ids stay those of the plan.
 */
final class SeedRounds {

  /** The family-wise error rate of a sweep's verdicts, over all pairs and all looks. */
  static final double ALPHA = 0.05;

  /** The metric the rounds decide on: the one the leaderboard ranks by. */
  static final SweepReport.Metric METRIC = SweepReport.Metric.FINAL;

  private final int initial;
  private final int max;

  /**
   * @param initial seeds every group runs
   * @param max seeds a group may get
   */
  SeedRounds(int initial, int max) {
    this.initial = initial;
    this.max = max;
  }

  /** The rounds of a plan: its sweep's initial seeds and all its seeds. */
  static SeedRounds of(SweepPlan plan) {
    return new SeedRounds(plan.sweep().initialSeeds(), plan.sweep().seeds().size());
  }

  /** Looks planned: one after the initial seeds, one after each round. */
  int looks() {
    return max - initial + 1;
  }

  /** The look at which data whose largest group has {@code largestGroup} seeds is judged, 1 to {@link #looks}. */
  int look(int largestGroup) {
    return Math.max(1, Math.min(looks(), largestGroup - initial + 1));
  }

  /** The level a Holm-adjusted p must be below at look k (1-based) for a verdict "real". */
  double level(int look) {
    int looks = looks();
    if (looks == 1) {
      return ALPHA;
    }
    return look == looks ? ALPHA / 2 : ALPHA / 2 / (looks - 1);
  }

  /**
   * Holm-adjusted p of Welch's test for every pair of groups, over all pairs: entry [i][j] (and [j][i]) for i != j,
   * NaN where the test is undefined. The verdicts and the rounds both read it, so they cannot disagree.
   */
  static double[][] adjustedP(List<double[]> groups) {
    int g = groups.size();
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < g; i++) {
      for (int j = i + 1; j < g; j++) {
        pairs.add(new int[] {i, j});
      }
    }
    double[] p = pairs.stream().mapToDouble(ij -> Statistics.welch(groups.get(ij[0]), groups.get(ij[1])).p())
        .toArray();
    double[] holm = Statistics.holm(p);
    double[][] out = new double[g][g];
    for (int k = 0; k < pairs.size(); k++) {
      out[pairs.get(k)[0]][pairs.get(k)[1]] = holm[k];
      out[pairs.get(k)[1]][pairs.get(k)[0]] = holm[k];
    }
    return out;
  }

  /**
   * The groups that get one more seed: those with fewer than max seeds in a pair with the leader that is not
   * decided at this look.
   *
   * @param groups each group's values of the verdict metric
   * @return indices into groups
   */
  Set<Integer> toExtend(List<double[]> groups) {
    Set<Integer> extend = new TreeSet<>();
    if (groups.size() < 2) {
      return extend;
    }
    int leader = 0;
    for (int i = 1; i < groups.size(); i++) {
      if (StatUtils.mean(groups.get(i)) > StatUtils.mean(groups.get(leader))) {
        leader = i;
      }
    }
    double level = level(look(groups.stream().mapToInt(x -> x.length).max().orElse(0)));
    double[][] p = adjustedP(groups);
    for (int i = 0; i < groups.size(); i++) {
      if (i != leader && !(p[leader][i] < level)) {
        for (int g : new int[] {leader, i}) {
          if (groups.get(g).length < max) {
            extend.add(g);
          }
        }
      }
    }
    return extend;
  }

  /**
   * The trials wanted so far, in plan order: each group's first seeds, as many as the rounds decided on the trials
   * finished so far. A round is decided only when every trial wanted before it has finished.
   */
  List<Trial> wanted(List<Trial> trials, Map<String, TrialState> states) {
    Map<String, List<Trial>> byGroup = new LinkedHashMap<>();
    trials.forEach(t -> byGroup.computeIfAbsent(t.group(), g -> new ArrayList<>()).add(t));
    Map<String, Integer> count = new LinkedHashMap<>();
    byGroup.forEach((g, members) -> count.put(g, Math.min(initial, members.size())));
    while (true) {
      List<Trial> wanted = new ArrayList<>();
      byGroup.forEach((g, members) -> wanted.addAll(members.subList(0, count.get(g))));
      if (!wanted.stream().allMatch(t -> state(states, t).finished())) {
        return ordered(trials, wanted);
      }
      List<String> comparable = new ArrayList<>();
      List<double[]> values = new ArrayList<>();
      byGroup.forEach((g, members) -> {
        List<TrialState> ran = members.subList(0, count.get(g)).stream().map(t -> state(states, t)).toList();
        if (ran.stream().noneMatch(s -> s.state().equals(TrialState.DIVERGED))) {
          comparable.add(g);
          values.add(ran.stream().filter(s -> s.state().equals(TrialState.DONE))
              .mapToDouble(s -> METRIC.read.applyAsDouble(s)).toArray());
        }
      });
      boolean added = false;
      for (int i : toExtend(values)) {
        String g = comparable.get(i);
        if (count.get(g) < byGroup.get(g).size()) {
          count.merge(g, 1, Integer::sum);
          added = true;
        }
      }
      if (!added) {
        return ordered(trials, wanted);
      }
    }
  }

  private static TrialState state(Map<String, TrialState> states, Trial t) {
    return states.getOrDefault(t.id(), TrialState.initial(t.id()));
  }

  private static List<Trial> ordered(List<Trial> trials, List<Trial> wanted) {
    Set<String> ids = new HashSet<>();
    wanted.forEach(t -> ids.add(t.id()));
    return trials.stream().filter(t -> ids.contains(t.id())).toList();
  }
}
