package io.lrsched.results;

import io.lrsched.report.EpochMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Several runs side by side: each named by the settings that differ between them (e.g. {@code schedule.type=step}),
 * ranked by final val_accuracy, as a text, CSV or Markdown table.
 */
public final class Comparison {

  /** One run's row. */
  public record Row(RunData run, String label, Map<String, String> differing) {}

  private final List<String> keys;
  private final List<Row> rows;

  private Comparison(List<String> keys, List<Row> rows) {
    this.keys = keys;
    this.rows = rows;
  }

  /**
   * @param runs at least one run
   * @throws IllegalArgumentException if there is none
   */
  public static Comparison of(List<RunData> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("nothing to compare: no runs");
    }
    Set<String> differing = SettingsDiff.differingKeys(runs.stream().map(RunData::settings).toList());
    List<String> keys = new ArrayList<>(differing);
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> labelCount = new HashMap<>();
    List<String> labels = new ArrayList<>();
    for (RunData run : runs) {
      StringJoiner label = new StringJoiner(", ");
      Map<String, String> values = new LinkedHashMap<>();
      for (String key : keys) {
        String value = run.settings().getOrDefault(key, "-");
        values.put(key, value);
        label.add(key + "=" + value);
      }
      String text = keys.isEmpty() ? run.id() : label.toString();
      labels.add(text);
      labelCount.merge(text, 1, Integer::sum);
      rows.add(new Row(run, text, values));
    }
    // Runs that differ in nothing compared (same settings, run twice) keep apart by their folder names.
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      if (labelCount.get(labels.get(i)) > 1 && !keys.isEmpty()) {
        rows.set(i, new Row(r.run(), r.label() + " (" + r.run().id() + ")", r.differing()));
      }
    }
    rows.sort(Comparator.comparingDouble((Row r) -> finalValAccuracy(r.run())).reversed()
        .thenComparing(r -> r.run().id()));
    return new Comparison(List.copyOf(keys), List.copyOf(rows));
  }

  /** The settings that differ between the runs, sorted. */
  public List<String> keys() {
    return keys;
  }

  /** The runs, best final val_accuracy first (runs without a finished epoch last). */
  public List<Row> rows() {
    return rows;
  }

  /** Column names of every table. */
  public List<String> header() {
    List<String> header = new ArrayList<>();
    header.add("run");
    header.addAll(keys);
    header.addAll(List.of("val_accuracy", "best_val_accuracy", "best_epoch", "val_loss", "epochs", "wall_time",
        "status"));
    return header;
  }

  /** The cells of every row, in {@link #header()} order. */
  public List<List<String>> cells() {
    List<List<String>> table = new ArrayList<>();
    for (Row r : rows) {
      List<String> cells = new ArrayList<>();
      cells.add(r.run().id());
      keys.forEach(k -> cells.add(r.differing().get(k)));
      EpochMetrics last = r.run().last();
      EpochMetrics best = r.run().best();
      cells.add(last == null ? "" : number(last.valAccuracy()));
      cells.add(best == null ? "" : number(best.valAccuracy()));
      cells.add(best == null ? "" : Integer.toString(best.epoch()));
      cells.add(last == null ? "" : number(last.valLoss()));
      cells.add(Integer.toString(r.run().history().size()));
      cells.add(wall(r.run().wallSeconds()));
      cells.add(r.run().status());
      table.add(cells);
    }
    return table;
  }

  /** An aligned text table for the console. */
  public String toText() {
    List<String> header = header();
    List<List<String>> cells = cells();
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> row : cells) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    appendAligned(out, header, width);
    cells.forEach(row -> appendAligned(out, row, width));
    return out.toString();
  }

  /** CSV, wall time in seconds. */
  public String toCsv() {
    StringBuilder out = new StringBuilder(String.join(",", header()).replace("wall_time", "wall_seconds"))
        .append('\n');
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = new ArrayList<>(cells().get(i));
      row.set(row.size() - 2, String.format(Locale.ROOT, "%.1f", rows.get(i).run().wallSeconds()));
      StringJoiner line = new StringJoiner(",");
      row.forEach(cell -> line.add(csvCell(cell)));
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /** A GitHub-flavoured Markdown table. */
  public String toMarkdown() {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", header())).append(" |\n");
    out.append("|").append("---|".repeat(header().size())).append('\n');
    for (List<String> row : cells()) {
      out.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
          .append(" |\n");
    }
    return out.toString();
  }

  static double finalValAccuracy(RunData run) {
    EpochMetrics last = run.last();
    return last == null || Double.isNaN(last.valAccuracy()) ? Double.NEGATIVE_INFINITY : last.valAccuracy();
  }

  private static void appendAligned(StringBuilder out, List<String> row, int[] width) {
    for (int i = 0; i < row.size(); i++) {
      out.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + width[i] + "s", row.get(i)));
    }
    out.setLength(out.toString().stripTrailing().length());
    out.append('\n');
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.4f", v);
  }

  /** {@code 42s}, {@code 3m05s}, {@code 26h03m}. */
  static String wall(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60);
  }

  private static String csvCell(String cell) {
    return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
  }
}
