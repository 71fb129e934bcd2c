package io.lrsched.results;

import io.lrsched.report.AppliedLrCurve;
import io.lrsched.report.EpochMetrics;
import io.lrsched.report.GroupPlots;
import io.lrsched.report.HtmlTemplates;
import io.lrsched.report.OverlayPlot;
import io.lrsched.report.PlotSeries;
import io.lrsched.storage.RunFolder;
import io.lrsched.storage.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A sweep folder's {@code report.html}, from the sweep's files alone ({@code leaderboard.csv}, {@code
 * statistics.csv}, {@code trials.csv}, {@code trials/<id>/state-...} and the trials' run folders): the leaderboard with
 * mean ± SD and confidence intervals, the pairwise verdicts as a matrix, each group's learning curves (mean over
 * seeds with a 95% t-interval band), the applied learning rates, a strip plot of every seed's final accuracy, and
 * the trials' states.
 */
public final class SweepReportPage {

  public static final String FILE = "report.html";

  private SweepReportPage() {}

  /**
   * Reads the sweep folder and writes its {@code report.html}.
   *
   * @throws IllegalArgumentException naming the file, if a sweep file cannot be parsed
   * @throws StorageException if the folder or a required file cannot be read, or the page cannot be written
   */
  public static void write(RunFolder sweep) {
    sweep.writeText(FILE, render(sweep));
  }

  /** The page's HTML. */
  public static String render(RunFolder sweep) {
    List<Map<String, String>> leaderboard = Csv.parse(sweep.readText("leaderboard.csv"), "leaderboard.csv");
    List<Map<String, String>> statistics = sweep.exists("statistics.csv")
        ? Csv.parse(sweep.readText("statistics.csv"), "statistics.csv") : List.of();
    List<Map<String, String>> trials = Csv.parse(sweep.readText("trials.csv"), "trials.csv");

    Map<String, String> labels = new LinkedHashMap<>();
    leaderboard.forEach(r -> labels.put(r.get("group"), r.get("label")));
    trials.forEach(t -> labels.putIfAbsent(t.get("group"), t.get("label")));

    Map<String, List<RunData>> runsByGroup = new LinkedHashMap<>();
    labels.keySet().forEach(g -> runsByGroup.put(g, new ArrayList<>()));
    List<Map<String, Object>> trialRows = new ArrayList<>();
    List<String> files = sweep.list();
    for (Map<String, String> t : trials) {
      Map<String, String> state = state(sweep, files, t.get("trial"));
      String runFolder = nonEmpty(state.get("run_folder"), t.get("run_folder"));
      if (runFolder != null) {
        try {
          RunFolder folder = RunFolder.open(runFolder);
          if (folder.exists("metrics.csv")) {
            runsByGroup.get(t.get("group")).add(RunData.read(folder));
          }
        } catch (StorageException e) {
          // A trial that never started or whose folder is gone still has its row in the states table.
        }
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("trial", t.get("trial"));
      row.put("label", t.get("label"));
      row.put("seed", t.get("seed"));
      row.put("state", nonEmpty(state.get("state"), t.get("state")));
      row.put("epoch", nonEmpty(state.get("epoch"), t.get("epoch")));
      row.put("final", fraction(nonEmpty(state.get("final_val_accuracy"), t.get("final_val_accuracy"))));
      row.put("best", fraction(nonEmpty(state.get("best_val_accuracy"), t.get("best_val_accuracy"))));
      row.put("attempts", orEmpty(state.get("attempts")));
      row.put("heartbeat", orEmpty(state.get("heartbeat")));
      row.put("note", orEmpty(nonEmpty(state.get("error"), state.get("note"))));
      trialRows.add(row);
    }

    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", sweep.name());
    model.put("created", Instant.now().toString());
    model.put("leaderboard", leaderboardRows(leaderboard));
    List<String> groups = new ArrayList<>(labels.keySet());
    model.put("groupLabels", groups.stream().map(labels::get).toList());
    model.put("matrix", verdictMatrix(groups, statistics, "final_val_accuracy"));
    model.put("verdicts", statistics.stream().map(s -> Map.of("metric", s.get("metric"), "verdict",
        s.get("verdict"))).toList());
    model.put("trials", trialRows);

    List<Map<String, String>> images = new ArrayList<>();
    List<GroupPlots.Band> acc = new ArrayList<>();
    List<GroupPlots.Band> loss = new ArrayList<>();
    List<PlotSeries> lrs = new ArrayList<>();
    List<String> stripGroups = new ArrayList<>();
    List<double[]> stripValues = new ArrayList<>();
    for (String g : groups) {
      List<RunData> runs = runsByGroup.get(g);
      if (runs.isEmpty() || runs.stream().allMatch(r -> r.history().isEmpty())) {
        continue;
      }
      acc.add(band(labels.get(g), runs, EpochMetrics::valAccuracy));
      loss.add(band(labels.get(g), runs, EpochMetrics::valLoss));
      lrs.add(AppliedLrCurve.staircase(labels.get(g), runs.get(0).applied()));
      stripGroups.add(labels.get(g));
      stripValues.add(runs.stream().filter(r -> r.last() != null).mapToDouble(r -> r.last().valAccuracy())
          .toArray());
    }
    if (!acc.isEmpty()) {
      image(images, "val_accuracy", "Validation accuracy, mean over seeds (dashed: 95% CI)",
          GroupPlots.bands("Validation accuracy by group", "val_accuracy", acc));
      image(images, "val_loss", "Validation loss, mean over seeds (dashed: 95% CI)",
          GroupPlots.bands("Validation loss by group", "val_loss", loss));
      boolean log = AppliedLrCurve.spansDecades(lrs);
      image(images, "lr", "Learning rate as applied (lr-applied.csv of each group's first trial)"
          + (log ? ", log scale" : ""),
          OverlayPlot.toPng("Learning rate as applied", "Learning Rate", lrs, log, false));
      image(images, "strip", "Final val_accuracy of every seed, one column per group",
          GroupPlots.strip("Final val_accuracy per seed", "val_accuracy", stripGroups, stripValues));
    }
    model.put("images", images);
    return HtmlTemplates.render("sweep-report.ftlh", model);
  }

  /** Mean per epoch over the runs that reached it, with a two-sided 95% t-interval where two or more did. */
  static GroupPlots.Band band(String name, List<RunData> runs, ToDoubleFunction<EpochMetrics> metric) {
    Map<Integer, List<Double>> byEpoch = new TreeMap<>();
    for (RunData r : runs) {
      for (EpochMetrics m : r.history()) {
        byEpoch.computeIfAbsent(m.epoch(), e -> new ArrayList<>()).add(metric.applyAsDouble(m));
      }
    }
    int n = byEpoch.size();
    double[] x = new double[n];
    double[] mean = new double[n];
    double[] low = new double[n];
    double[] high = new double[n];
    int i = 0;
    for (Map.Entry<Integer, List<Double>> e : byEpoch.entrySet()) {
      List<Double> v = e.getValue();
      double m = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      x[i] = e.getKey();
      mean[i] = m;
      if (v.size() >= 2) {
        double ss = v.stream().mapToDouble(d -> (d - m) * (d - m)).sum();
        double se = Math.sqrt(ss / (v.size() - 1)) / Math.sqrt(v.size());
        double t = new TDistribution(v.size() - 1).inverseCumulativeProbability(0.975);
        low[i] = m - t * se;
        high[i] = m + t * se;
      } else {
        low[i] = Double.NaN;
        high[i] = Double.NaN;
      }
      i++;
    }
    return new GroupPlots.Band(name, x, mean, low, high);
  }

  private static List<Map<String, Object>> leaderboardRows(List<Map<String, String>> leaderboard) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, String> r : leaderboard) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rank", r.get("rank"));
      row.put("label", r.get("label"));
      row.put("n", r.get("n"));
      row.put("final", meanSd(r.get("final_mean"), r.get("final_sd")));
      row.put("finalCi", ci(r.get("final_ci_low"), r.get("final_ci_high")));
      row.put("best", meanSd(r.get("best_mean"), r.get("best_sd")));
      row.put("bestCi", ci(r.get("best_ci_low"), r.get("best_ci_high")));
      row.put("seeds", r.get("seeds"));
      rows.add(row);
    }
    return rows;
  }

  /**
   * Row a, column b: how a compares with b on the metric (difference in points, its CI, Holm-adjusted p), and a
   * class: {@code better}, {@code worse} (Holm-adjusted p below the verdict's level, 0.05 in sweep folders written
   * before the column {@code level}) or {@code tie}.
   */
  private static List<Map<String, Object>> verdictMatrix(List<String> groups, List<Map<String, String>> statistics,
      String metric) {
    Map<String, Map<String, String>> pairs = new LinkedHashMap<>();
    for (Map<String, String> s : statistics) {
      if (s.get("metric").equals(metric)) {
        pairs.put(s.get("group_a") + "\u0000" + s.get("group_b"), s);
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String a : groups) {
      List<Map<String, String>> cells = new ArrayList<>();
      for (String b : groups) {
        Map<String, String> s = pairs.get(a + "\u0000" + b);
        int sign = 1;
        if (s == null) {
          s = pairs.get(b + "\u0000" + a);
          sign = -1;
        }
        if (a.equals(b) || s == null) {
          cells.add(Map.of("text", a.equals(b) ? "" : "n/a", "kind", "none", "title", ""));
          continue;
        }
        double diff = sign * parse(s.get("difference")) * 100;
        double lo = (sign > 0 ? parse(s.get("ci_low")) : -parse(s.get("ci_high"))) * 100;
        double hi = (sign > 0 ? parse(s.get("ci_high")) : -parse(s.get("ci_low"))) * 100;
        double pHolm = parse(s.get("p_holm"));
        double level = s.get("level") == null ? 0.05 : parse(s.get("level"));
        String kind = pHolm < level ? (diff > 0 ? "better" : "worse") : "tie";
        String text = String.format(Locale.ROOT, "%+.1f pts", diff)
            + (Double.isNaN(lo) ? "" : String.format(Locale.ROOT, " [%+.1f, %+.1f]", lo, hi))
            + (Double.isNaN(pHolm) ? "" : String.format(Locale.ROOT, " p=%.3g", pHolm));
        cells.add(Map.of("text", text, "kind", kind, "title", s.get("verdict")));
      }
      rows.add(Map.of("cells", cells));
    }
    return rows;
  }

  /**
   * The trial's newest state record: versions {@code state-gGGGGGG-vNNNNNNNNN} sort by generation and version, after
   * the single {@code state} of older sweeps.
   */
  private static Map<String, String> state(RunFolder sweep, List<String> files, String trial) {
    String prefix = "trials/" + trial + "/state";
    Map<String, String> state = new LinkedHashMap<>();
    String name = files.stream().filter(f -> f.startsWith(prefix) && !f.substring(prefix.length()).contains("/"))
        .max(String::compareTo).orElse(null);
    if (name == null) {
      return state;
    }
    String text;
    try {
      text = sweep.readText(name);
    } catch (StorageException e) {
      return state; // replaced by a newer version since the listing: the row falls back to trials.csv
    }
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        state.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return state;
  }

  private static void image(List<Map<String, String>> images, String id, String caption, byte[] png) {
    images.add(Map.of("id", id, "caption", caption, "src", HtmlTemplates.pngDataUri(png)));
  }

  private static String meanSd(String mean, String sd) {
    String m = fraction(mean);
    return sd == null || sd.isEmpty() ? m : m + " ± " + fraction(sd);
  }

  private static String ci(String low, String high) {
    return low == null || low.isEmpty() ? "" : "[" + fraction(low) + ", " + fraction(high) + "]";
  }

  private static String fraction(String value) {
    return value == null || value.isEmpty() ? "" : String.format(Locale.ROOT, "%.4f", Double.parseDouble(value));
  }

  private static double parse(String value) {
    return value == null || value.isEmpty() ? Double.NaN : Double.parseDouble(value);
  }

  private static String nonEmpty(String first, String second) {
    return first != null && !first.isEmpty() ? first : second == null || second.isEmpty() ? null : second;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
