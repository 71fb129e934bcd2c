package io.lrsched.sweep;

import io.lrsched.sweep.Statistics.Interval;
import io.lrsched.sweep.Statistics.Welch;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The sweep's results: trials grouped by everything but the seed, a leaderboard of the groups and a statistics
 * table of every pair of groups, as CSV files in the sweep folder and as tables and verdicts on the console.
 *
 * <p>The files (UTF-8, header line, comma-separated, RFC 4180 quoting; numbers as Java's shortest round-trip
 * {@code Double.toString}, accuracies as fractions in [0, 1]; an empty field is "undefined"):
 *
 * <ul>
 *   <li>{@code trials.csv}, one row per trial in plan order: {@value #TRIALS_HEADER}. {@code label} names the
 *       group by the values that vary in the sweep; {@code values} lists the trial's axis values {@code key=value}
 *       separated by spaces; {@code epoch} counts completed epochs; {@code run_folder} is the trial's run folder,
 *       {@code <sweep folder>/trials/<id>/run} (metrics.csv, lr-applied.csv, checkpoints/, ... as {@code train} writes
 *       them); {@code test_accuracy} is the last network's test accuracy of a done trial that validated on images
 *       held out of training ({@code data.validation-split}), empty otherwise.
 *   <li>{@code leaderboard.csv}, one row per group with at least one done or diverged trial, best {@code
 *       final_mean} first, groups with a diverged seed last: {@value #LEADERBOARD_HEADER}. {@code n} counts done
 *       trials, {@code diverged} diverged ones (left out of every figure); {@code final_*} are of the last epoch's
 *       val_accuracy, {@code best_*} of the best epoch's; {@code sd} is the sample standard deviation (n - 1),
 *       {@code ci} the 95% Student-t interval of the mean; {@code seeds} and {@code trials} (done ones) are
 *       space-separated; {@code test_accuracy_*} are the mean and sd of the last network's test accuracy over the
 *       done trials that validated on images held out of training (empty otherwise, as val_accuracy is then the
 *       test split's).
 *   <li>{@code statistics.csv}, one row per pair of groups and metric ({@code final_val_accuracy}, then {@code
 *       best_val_accuracy}) among the groups without a diverged seed, a ranked above b by that metric's mean:
 *       {@value #STATISTICS_HEADER}. {@code difference} = mean_a - mean_b with Welch's 95% interval ({@code ci_*},
 *       not adjusted for multiplicity); {@code t}, {@code df}, {@code p}: Welch's test; {@code p_holm}:
 *       Holm-adjusted over all pairs of that metric; {@code level}: the p_holm below which the verdict calls the
 *       difference real (0.05, or less at a look of adaptive seeds, see {@link SeedRounds}); {@code p_a_beats_b}:
 *       probability that a seed of a beats a seed of b, ties half; {@code seeds_needed}: for an undecided pair, the
 *       seeds per group that would decide it with 80% power (see {@link #seedsNeeded}); {@code verdict}: the
 *       sentence printed on the console.
 * </ul>
 */
final class SweepReport {
  static final String TRIALS_HEADER =
      "trial,group,label,seed,state,epoch,final_val_accuracy,best_val_accuracy,run_folder,values,test_accuracy";
  static final String LEADERBOARD_HEADER = "rank,group,label,n,diverged,final_mean,final_sd,final_ci_low,"
      + "final_ci_high,best_mean,best_sd,best_ci_low,best_ci_high,seeds,trials,test_accuracy_mean,test_accuracy_sd";
  static final String STATISTICS_HEADER = "metric,group_a,group_b,label_a,label_b,n_a,n_b,mean_a,mean_b,difference,"
      + "ci_low,ci_high,t,df,p,p_holm,level,p_a_beats_b,seeds_needed,verdict";

  /** The power at which {@link #seedsNeeded} sizes an undecided pair. */
  static final double POWER = 0.8;

  /** A metric of a done trial. */
  enum Metric {
    FINAL("final_val_accuracy", TrialState::finalValAccuracy),
    BEST("best_val_accuracy", TrialState::bestValAccuracy);

    final String column;
    final ToDoubleFunction<TrialState> read;

    Metric(String column, ToDoubleFunction<TrialState> read) {
      this.column = column;
      this.read = read;
    }
  }

  /** One group's figures for one metric. */
  record Summary(double mean, double sd, Interval ci) {}

  /** One group: its trials done, how many diverged, and the done trials' figures. */
  record Group(String id, String label, List<Trial> trials, int diverged, double[] finals, double[] bests,
      Summary finalSummary, Summary bestSummary) {
    int n() {
      return trials.size();
    }

    double[] values(Metric m) {
      return m == Metric.FINAL ? finals : bests;
    }

    Summary summary(Metric m) {
      return m == Metric.FINAL ? finalSummary : bestSummary;
    }
  }

  /** One pair of groups compared on one metric. */
  record Pair(Metric metric, Group a, Group b, double difference, Welch welch, double pHolm, double level,
      double aBeatsB, double seedsNeeded, String verdict) {}

  private final List<Trial> trials;
  private final Map<String, TrialState> states;
  private final Map<String, Double> testAccuracies;
  private final Map<String, String> labels;
  private final List<Group> groups;
  private final List<Pair> pairs;
  private final SeedRounds rounds;
  private final int look;

  /**
   * @param trials the plan's trials
   * @param states their state records by trial id
   * @param testAccuracies the last network's test accuracy by trial id, of trials that validated on held-out images
   * @param rounds the sweep's seeds: the level of each look
   */
  SweepReport(List<Trial> trials, Map<String, TrialState> states, Map<String, Double> testAccuracies,
      SeedRounds rounds) {
    this.trials = List.copyOf(trials);
    this.states = Map.copyOf(states);
    this.testAccuracies = Map.copyOf(testAccuracies);
    this.labels = labels(trials);
    this.rounds = rounds;
    this.groups = groupsOf();
    this.look = rounds.look(groups.stream().filter(g -> g.diverged() == 0).mapToInt(Group::n).max().orElse(0));
    this.pairs = new ArrayList<>();
    for (Metric m : Metric.values()) {
      pairs.addAll(pairs(m));
    }
  }

  Map<String, TrialState> states() {
    return states;
  }

  List<Group> groups() {
    return groups;
  }

  List<Pair> pairs() {
    return pairs;
  }

  /**
   * Short names of the groups: the values that vary in the sweep, keys shortened to their last segment (the whole
   * key where two share one); just the value when a single key varies.
   */
  private static Map<String, String> labels(List<Trial> trials) {
    TreeSet<String> keys = new TreeSet<>();
    trials.forEach(t -> keys.addAll(t.values().keySet()));
    Map<String, Long> lastSegments = new HashMap<>();
    keys.forEach(k -> lastSegments.merge(last(k), 1L, Long::sum));
    Map<String, String> labels = new LinkedHashMap<>();
    for (Trial t : trials) {
      StringJoiner label = new StringJoiner(" ");
      for (String key : keys) {
        String value = Trial.unquote(t.values().getOrDefault(key, "-"));
        if (keys.size() == 1) {
          label.add(value);
        } else {
          label.add((lastSegments.get(last(key)) == 1 ? last(key) : key) + "=" + value);
        }
      }
      labels.putIfAbsent(t.group(), label.length() == 0 ? "base" : label.toString());
    }
    return labels;
  }

  private static String last(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }

  private List<Group> groupsOf() {
    Map<String, List<Trial>> done = new LinkedHashMap<>();
    Map<String, Integer> diverged = new HashMap<>();
    for (Trial t : trials) {
      if (isState(t, TrialState.DONE)) {
        done.computeIfAbsent(t.group(), g -> new ArrayList<>()).add(t);
      } else if (isState(t, TrialState.DIVERGED)) {
        done.computeIfAbsent(t.group(), g -> new ArrayList<>());
        diverged.merge(t.group(), 1, Integer::sum);
      }
    }
    List<Group> out = new ArrayList<>();
    done.forEach((id, members) -> {
      double[] finals = members.stream().mapToDouble(t -> states.get(t.id()).finalValAccuracy()).toArray();
      double[] bests = members.stream().mapToDouble(t -> states.get(t.id()).bestValAccuracy()).toArray();
      out.add(new Group(id, labels.get(id), members, diverged.getOrDefault(id, 0), finals, bests, summary(finals),
          summary(bests)));
    });
    // A group with a diverged seed ranks below every group without: its done seeds alone would flatter it.
    out.sort(Comparator.comparing((Group g) -> g.diverged() > 0)
        .thenComparing(Comparator.comparingDouble((Group g) -> g.finalSummary().mean()).reversed()));
    return List.copyOf(out);
  }

  private static Summary summary(double[] x) {
    double mean = x.length == 0 ? Double.NaN : StatUtils.mean(x);
    double sd = x.length < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(x));
    return new Summary(mean, sd, Statistics.meanInterval(x));
  }

  /** Every pair of the groups without a diverged seed and with a done one, Holm-adjusted over all of them. */
  private List<Pair> pairs(Metric m) {
    List<Group> ranked = new ArrayList<>(groups.stream().filter(g -> g.diverged() == 0 && g.n() > 0).toList());
    ranked.sort(Comparator.comparingDouble((Group g) -> g.summary(m).mean()).reversed());
    double[][] holm = SeedRounds.adjustedP(ranked.stream().map(g -> g.values(m)).toList());
    int family = ranked.size() * (ranked.size() - 1) / 2;
    double level = rounds.level(look);
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      for (int j = i + 1; j < ranked.size(); j++) {
        Group a = ranked.get(i);
        Group b = ranked.get(j);
        double difference = a.summary(m).mean() - b.summary(m).mean();
        Welch welch = Statistics.welch(a.values(m), b.values(m));
        double needed = holm[i][j] < level ? Double.NaN : seedsNeeded(a.values(m), b.values(m), family);
        double beats = Statistics.probabilityOfSuperiority(a.values(m), b.values(m));
        out.add(new Pair(m, a, b, difference, welch, holm[i][j], level, beats, needed,
            verdict(a, b, difference, welch, holm[i][j], level, family, needed)));
      }
    }
    return out;
  }

  /**
   * Seeds per group at which the pair's observed difference, were it the true one, would be called real with
   * {@link #POWER} power: R's {@code power.t.test} with the pooled SD, at the level of the sweep's last look divided
   * by the number of pairs (Bonferroni, the strictest step of Holm's procedure, so the figure errs towards more
   * seeds). NaN when undefined (a group of one without spread elsewhere).
   */
  private double seedsNeeded(double[] a, double[] b, int family) {
    double sd = Statistics.pooledSd(a, b);
    if (!(sd > 0)) {
      return Double.NaN;
    }
    double delta = StatUtils.mean(a) - StatUtils.mean(b);
    return Statistics.seedsNeeded(delta, sd, rounds.level(rounds.looks()) / family, POWER);
  }

  /**
   * The pair in words. A difference is called real only when its Holm-adjusted p is below the look's level; the
   * interval shown is Welch's, unadjusted, and where it excludes 0 without a verdict "real" the sentence says why.
   */
  static String verdict(Group a, Group b, double difference, Welch welch, double pHolm, double level, int family,
      double needed) {
    String seeds = a.n() == b.n() ? a.n() + " seed" + (a.n() == 1 ? "" : "s") + " each"
        : a.n() + " and " + b.n() + " seeds";
    String gap = a.label() + " - " + b.label() + " = " + points(difference) + " points";
    if (Double.isNaN(welch.p())) {
      String why = a.n() < 2 || b.n() < 2 ? "a t-test needs at least 2 seeds in each group"
          : "neither varies across seeds";
      return a.label() + " and " + b.label() + " cannot be compared with " + seeds + ": " + why + " (" + gap + ")";
    }
    String p = pValue(pHolm);
    String ci = "95% CI " + points(welch.ci().low()) + " to " + points(welch.ci().high()) + " unadjusted";
    String adjusted = "Holm-adjusted p " + (p.startsWith("<") ? p : "= " + p) + ", real below " + pValue(level);
    if (pHolm < level) {
      return a.label() + " > " + b.label() + " by " + points(difference) + " points (" + ci + "; " + adjusted + ")";
    }
    String why = welch.ci().excludesZero() ? " (it excludes 0, but not after adjusting for " + family + " pairs"
        + (level < SeedRounds.ALPHA ? " and the looks of adaptive seeds" : "") + ")" : "";
    return a.label() + " and " + b.label() + " are not distinguishable with " + seeds + " (" + gap + ", " + ci + why
        + "; " + adjusted + "; " + seedsPhrase(needed) + ")";
  }

  private static String seedsPhrase(double needed) {
    if (Double.isNaN(needed)) {
      return "seeds needed unknown";
    }
    if (needed > Statistics.MOST_SEEDS) {
      return "no feasible number of seeds would decide a difference this small";
    }
    return "needs about " + (long) Math.ceil(needed) + " seeds each to decide at 80% power";
  }

  private static String points(double fraction) {
    return String.format(Locale.ROOT, "%.2f", fraction * 100);
  }

  private static String pValue(double p) {
    if (p < 0.001) {
      return "< 0.001";
    }
    return new java.math.BigDecimal(p).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
  }

  String trialsCsv() {
    StringBuilder csv = new StringBuilder(TRIALS_HEADER).append('\n');
    for (Trial t : trials) {
      TrialState s = states.getOrDefault(t.id(), TrialState.initial(t.id()));
      csv.append(String.join(",", t.id(), t.group(), field(labels.get(t.group())), Long.toString(t.seed()),
          s.state(), Integer.toString(s.epoch()), number(s.finalValAccuracy()), number(s.bestValAccuracy()),
          field(s.runFolder()), field(t.describe()), number(testAccuracies.getOrDefault(t.id(), Double.NaN))))
          .append('\n');
    }
    return csv.toString();
  }

  String leaderboardCsv() {
    StringBuilder csv = new StringBuilder(LEADERBOARD_HEADER).append('\n');
    int rank = 1;
    for (Group g : groups) {
      StringJoiner seeds = new StringJoiner(" ");
      StringJoiner ids = new StringJoiner(" ");
      g.trials().forEach(t -> {
        seeds.add(Long.toString(t.seed()));
        ids.add(t.id());
      });
      Summary f = g.finalSummary();
      Summary b = g.bestSummary();
      double[] test = g.trials().stream().filter(t -> testAccuracies.containsKey(t.id()))
          .mapToDouble(t -> testAccuracies.get(t.id())).toArray();
      csv.append(String.join(",", Integer.toString(rank++), g.id(), field(g.label()), Integer.toString(g.n()),
          Integer.toString(g.diverged()), number(f.mean()), number(f.sd()), number(f.ci().low()), number(f.ci().high()),
          number(b.mean()), number(b.sd()), number(b.ci().low()), number(b.ci().high()),
          seeds.toString(), ids.toString(),
          number(test.length == 0 ? Double.NaN : StatUtils.mean(test)),
          number(test.length < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(test))))).append('\n');
    }
    return csv.toString();
  }

  String statisticsCsv() {
    StringBuilder csv = new StringBuilder(STATISTICS_HEADER).append('\n');
    for (Pair p : pairs) {
      csv.append(String.join(",", p.metric().column, p.a().id(), p.b().id(), field(p.a().label()),
          field(p.b().label()), Integer.toString(p.a().n()), Integer.toString(p.b().n()),
          number(p.a().summary(p.metric()).mean()), number(p.b().summary(p.metric()).mean()),
          number(p.difference()), number(p.welch().ci().low()), number(p.welch().ci().high()),
          number(p.welch().t()), number(p.welch().df()), number(p.welch().p()), number(p.pHolm()),
          number(p.level()), number(p.aBeatsB()), number(p.seedsNeeded()), field(p.verdict()))).append('\n');
    }
    return csv.toString();
  }

  /** The leaderboard and the verdicts, as printed at the end of a sweep. */
  void print(PrintStream out) {
    long done = trials.stream().filter(t -> isState(t, TrialState.DONE)).count();
    out.printf(Locale.ROOT, "leaderboard (val_accuracy in %%, mean +- sd over seeds, [95%% t-interval of the mean]);"
        + " %d of %d trials done%n", done, trials.size());
    int width = Math.max(5, groups.stream().mapToInt(g -> g.label().length()).max().orElse(5));
    out.printf(Locale.ROOT, "%4s  %-" + width + "s  %2s  %-32s  %-32s%n", "rank", "group", "n", "final", "best");
    int rank = 1;
    for (Group g : groups) {
      out.printf(Locale.ROOT, "%4d  %-" + width + "s  %2d  %-32s  %-32s%s%n", rank++, g.label(), g.n(),
          cell(g.finalSummary()), cell(g.bestSummary()), g.diverged() == 0 ? ""
              : "  " + g.diverged() + " of " + (g.n() + g.diverged()) + " seeds diverged: not compared");
    }
    List<Trial> diverged = trials.stream().filter(t -> isState(t, TrialState.DIVERGED)).toList();
    if (!diverged.isEmpty()) {
      out.println("diverged, a result of their configuration; their groups rank last and are left out of the"
          + " statistics (the other seeds alone would flatter them):");
      diverged.forEach(t -> out.println("  " + t.id() + " " + t.describe() + ": " + states.get(t.id()).note()));
    }
    List<Trial> stopped = trials.stream().filter(t -> isState(t, TrialState.STOPPED)).toList();
    if (!stopped.isEmpty()) {
      out.println("left out of the statistics, stopped early by the median stopping rule:");
      stopped.forEach(t -> out.println("  " + t.id() + " " + t.describe() + ": " + states.get(t.id()).note()));
    }
    if (rounds.looks() > 1) {
      out.printf(Locale.ROOT, "adaptive seeds: look %d of %d (a look after the initial seeds and after each round"
          + " of added seeds; each look's level spends part of %s, see README, Sweeps)%n", look, rounds.looks(),
          pValue(SeedRounds.ALPHA));
    }
    for (Metric m : Metric.values()) {
      List<Pair> ofMetric = pairs.stream().filter(p -> p.metric() == m).toList();
      if (!ofMetric.isEmpty()) {
        out.println("verdicts on " + m.column + " (Welch's t-test, Holm-adjusted over " + ofMetric.size()
            + " pairs; Welch's 95% CI of the difference, unadjusted):");
        ofMetric.forEach(p -> out.println("  " + p.verdict()));
      }
    }
  }

  private boolean isState(Trial t, String state) {
    TrialState s = states.get(t.id());
    return s != null && s.state().equals(state);
  }

  private static String cell(Summary s) {
    if (Double.isNaN(s.mean())) {
      return "-";
    }
    String sd = Double.isNaN(s.sd()) ? "-" : String.format(Locale.ROOT, "%.2f", s.sd() * 100);
    String ci = Double.isNaN(s.ci().low()) ? "" : String.format(Locale.ROOT, " [%.2f, %.2f]", s.ci().low() * 100,
        s.ci().high() * 100);
    return String.format(Locale.ROOT, "%.2f +- %s%s", s.mean() * 100, sd, ci);
  }

  private static String number(double x) {
    return Double.isNaN(x) ? "" : Double.toString(x);
  }

  /** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
  static String field(String s) {
    if (s == null) {
      return "";
    }
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
