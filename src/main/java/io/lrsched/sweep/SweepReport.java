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
 *       held out of training, empty otherwise.
 *   <li>{@code leaderboard.csv}, one row per group with at least one done or diverged trial, best {@code
 *       final_mean} first, groups with a diverged seed last: {@value #LEADERBOARD_HEADER}. {@code n}, {@code
 *       final_*} and {@code best_*} are of the done trials: {@code final_*} of the last epoch's val_accuracy, {@code
 *       best_*} of the best epoch's; {@code sd} is the sample standard deviation (n - 1), {@code ci} the 95%
 *       percentile-bootstrap interval of the mean; {@code seeds} and {@code trials} are space-separated; {@code
 *       diverged} counts the group's diverged trials (such a group is left out of statistics.csv); {@code
 *       test_accuracy_*} are the mean and sd of the last network's test accuracy over the done trials that validated
 *       on images held out of training ({@code data.validation-split}; empty otherwise, as val_accuracy is then the
 *       test split's).
 *   <li>{@code statistics.csv}, one row per pair of groups and metric ({@code final_val_accuracy}, then {@code
 *       best_val_accuracy}), a ranked above b by that metric's mean: {@value #STATISTICS_HEADER}. {@code
 *       difference} = mean_a - mean_b with its 95% bootstrap interval; {@code t}, {@code df}, {@code p}: Welch's
 *       test; {@code p_holm}: Holm-adjusted over all pairs of that metric; {@code p_a_beats_b}: probability that a
 *       seed of a beats a seed of b, ties half; {@code verdict}: the sentence printed on the console.
 * </ul>
 */
final class SweepReport {
  static final String TRIALS_HEADER =
      "trial,group,label,seed,state,epoch,final_val_accuracy,best_val_accuracy,run_folder,values,test_accuracy";
  static final String LEADERBOARD_HEADER = "rank,group,label,n,final_mean,final_sd,final_ci_low,final_ci_high,"
      + "best_mean,best_sd,best_ci_low,best_ci_high,seeds,trials,diverged,test_accuracy_mean,test_accuracy_sd";
  static final String STATISTICS_HEADER = "metric,group_a,group_b,label_a,label_b,n_a,n_b,mean_a,mean_b,difference,"
      + "ci_low,ci_high,t,df,p,p_holm,p_a_beats_b,verdict";

  /** Holm-adjusted p below which a verdict calls a difference real. */
  static final double ALPHA = 0.05;

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

  /** One group: its trials done and those diverged, and the figures of the done ones. */
  record Group(String id, String label, List<Trial> trials, double[] finals, double[] bests, Summary finalSummary,
      Summary bestSummary, List<Trial> diverged) {
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
  record Pair(Metric metric, Group a, Group b, double difference, Interval ci, Welch welch, double pHolm,
      double aBeatsB, String verdict) {}

  private final List<Trial> trials;
  private final Map<String, TrialState> states;
  private final Map<String, Double> testAccuracies;
  private final Map<String, String> labels;
  private final List<Group> groups;
  private final List<Pair> pairs;

  /**
   * @param trials the plan's trials
   * @param states their state records by trial id
   * @param testAccuracies the last network's test accuracy by trial id, of trials that validated on held-out images
   * @param resamples bootstrap resamples
   * @param seed bootstrap seed
   */
  SweepReport(List<Trial> trials, Map<String, TrialState> states, Map<String, Double> testAccuracies, int resamples,
      long seed) {
    this.trials = List.copyOf(trials);
    this.states = Map.copyOf(states);
    this.testAccuracies = Map.copyOf(testAccuracies);
    this.labels = labels(trials);
    this.groups = groups(resamples, seed);
    this.pairs = new ArrayList<>();
    for (Metric m : Metric.values()) {
      pairs.addAll(pairs(m, resamples, seed));
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

  private List<Group> groups(int resamples, long seed) {
    Map<String, List<Trial>> done = new LinkedHashMap<>();
    Map<String, List<Trial>> diverged = new LinkedHashMap<>();
    for (Trial t : trials) {
      if (isState(t, TrialState.DONE) || isState(t, TrialState.DIVERGED)) {
        done.computeIfAbsent(t.group(), g -> new ArrayList<>());
        (isState(t, TrialState.DONE) ? done : diverged).computeIfAbsent(t.group(), g -> new ArrayList<>()).add(t);
      }
    }
    List<Group> out = new ArrayList<>();
    done.forEach((id, members) -> {
      double[] finals = members.stream().mapToDouble(t -> states.get(t.id()).finalValAccuracy()).toArray();
      double[] bests = members.stream().mapToDouble(t -> states.get(t.id()).bestValAccuracy()).toArray();
      out.add(new Group(id, labels.get(id), members, finals, bests, summary(finals, resamples, seed),
          summary(bests, resamples, seed), diverged.getOrDefault(id, List.of())));
    });
    // A group with a diverged seed ranks below every group without one: its other seeds alone would flatter it.
    out.sort(Comparator.comparing((Group g) -> !g.diverged().isEmpty())
        .thenComparing(Comparator.comparingDouble((Group g) -> g.finalSummary().mean()).reversed()));
    return List.copyOf(out);
  }

  private static Summary summary(double[] x, int resamples, long seed) {
    if (x.length == 0) {
      return new Summary(Double.NaN, Double.NaN, new Interval(Double.NaN, Double.NaN));
    }
    double mean = org.apache.commons.math3.stat.StatUtils.mean(x);
    double sd = x.length < 2 ? Double.NaN : Math.sqrt(org.apache.commons.math3.stat.StatUtils.variance(x));
    return new Summary(mean, sd, Statistics.bootstrapMean(x, resamples, seed));
  }

  private List<Pair> pairs(Metric m, int resamples, long seed) {
    // Diverged seeds have no accuracy to test: their group is left out of the comparisons (print says so).
    List<Group> ranked = new ArrayList<>(groups.stream().filter(g -> g.diverged().isEmpty()).toList());
    ranked.sort(Comparator.comparingDouble((Group g) -> g.summary(m).mean()).reversed());
    List<Group[]> ab = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      for (int j = i + 1; j < ranked.size(); j++) {
        ab.add(new Group[] {ranked.get(i), ranked.get(j)});
      }
    }
    Welch[] tests = new Welch[ab.size()];
    double[] p = new double[ab.size()];
    for (int k = 0; k < ab.size(); k++) {
      tests[k] = Statistics.welch(ab.get(k)[0].values(m), ab.get(k)[1].values(m));
      p[k] = tests[k].p();
    }
    double[] holm = Statistics.holm(p);
    List<Pair> out = new ArrayList<>();
    for (int k = 0; k < ab.size(); k++) {
      Group a = ab.get(k)[0];
      Group b = ab.get(k)[1];
      double difference = a.summary(m).mean() - b.summary(m).mean();
      Interval ci = Statistics.bootstrapDifference(a.values(m), b.values(m), resamples, seed);
      double beats = Statistics.probabilityOfSuperiority(a.values(m), b.values(m));
      out.add(new Pair(m, a, b, difference, ci, tests[k], holm[k], beats,
          verdict(a, b, difference, ci, tests[k], holm[k])));
    }
    return out;
  }

  /** The pair in words; a difference is called real only when its Holm-adjusted p is below {@value #ALPHA}. */
  static String verdict(Group a, Group b, double difference, Interval ci, Welch welch, double pHolm) {
    String seeds = a.n() == b.n() ? a.n() + " seed" + (a.n() == 1 ? "" : "s") + " each"
        : a.n() + " and " + b.n() + " seeds";
    if (Double.isNaN(welch.p())) {
      String why = a.n() < 2 || b.n() < 2 ? "a t-test needs at least 2 seeds in each group"
          : "neither varies across seeds";
      return a.label() + " and " + b.label() + " cannot be compared with " + seeds + ": " + why + " ("
          + a.label() + " - " + b.label() + " = " + points(difference) + " points)";
    }
    String p = pValue(pHolm);
    String numbers = "95% CI " + points(ci.low()) + " to " + points(ci.high()) + "; Holm-adjusted p "
        + (p.startsWith("<") ? p : "= " + p);
    if (pHolm < ALPHA) {
      return a.label() + " > " + b.label() + " by " + points(difference) + " points (" + numbers + ")";
    }
    return a.label() + " and " + b.label() + " are not distinguishable with " + seeds + " ("
        + a.label() + " - " + b.label() + " = " + points(difference) + " points, " + numbers + ")";
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
          number(f.mean()), number(f.sd()), number(f.ci().low()), number(f.ci().high()),
          number(b.mean()), number(b.sd()), number(b.ci().low()), number(b.ci().high()),
          seeds.toString(), ids.toString(), Integer.toString(g.diverged().size()),
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
          number(p.difference()), number(p.ci().low()), number(p.ci().high()), number(p.welch().t()),
          number(p.welch().df()), number(p.welch().p()), number(p.pHolm()), number(p.aBeatsB()),
          field(p.verdict()))).append('\n');
    }
    return csv.toString();
  }

  /** The leaderboard and the verdicts, as printed at the end of a sweep. */
  void print(PrintStream out) {
    long done = trials.stream().filter(t -> isState(t, TrialState.DONE)).count();
    out.printf(Locale.ROOT, "leaderboard (val_accuracy in %%, mean +- sd over seeds, [95%% bootstrap CI]); %d of %d"
        + " trials done%n", done, trials.size());
    int width = Math.max(5, groups.stream().mapToInt(g -> g.label().length()).max().orElse(5));
    out.printf(Locale.ROOT, "%4s  %-" + width + "s  %2s  %-32s  %-32s%n", "rank", "group", "n", "final", "best");
    int rank = 1;
    for (Group g : groups) {
      out.printf(Locale.ROOT, "%4d  %-" + width + "s  %2d  %-32s  %-32s%s%n", rank++, g.label(), g.n(),
          cell(g.finalSummary()), cell(g.bestSummary()),
          g.diverged().isEmpty() ? "" : "  + " + g.diverged().size() + " diverged");
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
    for (Metric m : Metric.values()) {
      List<Pair> ofMetric = pairs.stream().filter(p -> p.metric() == m).toList();
      if (!ofMetric.isEmpty()) {
        out.println("verdicts on " + m.column + " (Welch's t-test, Holm-adjusted over " + ofMetric.size()
            + " pairs; bootstrap CI of the difference):");
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
      return "-"; // every seed diverged
    }
    String sd = Double.isNaN(s.sd()) ? "-" : String.format(Locale.ROOT, "%.2f", s.sd() * 100);
    return String.format(Locale.ROOT, "%.2f +- %s [%.2f, %.2f]", s.mean() * 100, sd, s.ci().low() * 100,
        s.ci().high() * 100);
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
