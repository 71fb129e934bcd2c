package io.lrsched.sweep;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code sweep-status}: one line per trial of a sweep folder (id, the values that differ, state, epochs done, best
 * val_accuracy, owner, heartbeat age) and the count of trials per state, read from the folder alone.
 */
public final class SweepStatus {
  private SweepStatus() {}

  /**
   * Prints the status.
   *
   * @param sweepUri the sweep folder
   * @param console where the lines go
   * @param clock for heartbeat ages
   * @throws io.lrsched.storage.StorageException if it is not a sweep folder
   */
  public static void print(String sweepUri, PrintStream console, Clock clock) {
    SweepFolder folder = SweepFolder.existing(sweepUri);
    String csv = folder.readText("trials.csv").orElseThrow(() -> new io.lrsched.storage.StorageException(
        sweepUri + ": no trials.csv yet (the first sweep invocation writes it when it starts)"));
    List<List<String>> rows = parse(csv);
    List<String> header = rows.get(0);
    int trialColumn = header.indexOf("trial");
    int valuesColumn = header.indexOf("values");
    Map<String, Integer> counts = new TreeMap<>();
    console.printf("%-12s  %-8s  %5s  %8s  %-24s  %9s  %s%n", "trial", "state", "epoch", "best", "owner",
        "heartbeat", "values");
    for (List<String> row : rows.subList(1, rows.size())) {
      TrialState s = folder.readState(row.get(trialColumn));
      counts.merge(s.state(), 1, Integer::sum);
      String age = s.heartbeat() == null || !s.state().equals(TrialState.RUNNING) ? "-"
          : Duration.between(s.heartbeat(), clock.instant()).toSeconds() + "s ago";
      String best = Double.isNaN(s.bestValAccuracy()) ? "-"
          : String.format(Locale.ROOT, "%.4f", s.bestValAccuracy());
      console.printf("%-12s  %-8s  %5d  %8s  %-24s  %9s  %s%s%n", s.trial(), s.state(), s.epoch(), best,
          s.owner().isEmpty() ? "-" : s.owner(), age, row.get(valuesColumn),
          s.error().isEmpty() ? "" : "  error: " + s.error());
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((state, n) -> parts.add(n + " " + state));
    console.println(String.join(", ", parts) + " (" + (rows.size() - 1) + " trials)");
  }

  /** Parses RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes). */
  static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else if (c != '\r') {
        field.append(c);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
