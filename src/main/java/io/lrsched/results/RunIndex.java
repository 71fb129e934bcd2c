package io.lrsched.results;

import io.lrsched.storage.RunFolder;
import io.lrsched.storage.StorageException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The runs under an output folder, from their {@code run.json} files, newest first, as a table, CSV or JSON. */
public final class RunIndex {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

  private final List<RunRecord> runs;

  private RunIndex(List<RunRecord> runs) {
    this.runs = runs;
  }

  /**
   * Reads every {@code run.json} at or below a folder; an unreadable one is reported on {@code warnings} and left
   * out.
   *
   * @throws StorageException if the folder does not exist or cannot be listed
   */
  public static RunIndex scan(String uri, PrintStream warnings) {
    List<RunRecord> runs = new ArrayList<>();
    for (RunFolder folder : RunFinder.find(uri, RunRecord.FILE)) {
      try {
        runs.add(RunRecord.parse(folder.readText(RunRecord.FILE)));
      } catch (IllegalArgumentException | StorageException e) {
        warnings.println("lrsched: warning: skipping " + folder.fileUri(RunRecord.FILE) + ": " + e.getMessage());
      }
    }
    runs.sort(Comparator.comparing((RunRecord r) -> Instant.parse(r.started())).reversed()
        .thenComparing(RunRecord::id));
    return new RunIndex(List.copyOf(runs));
  }

  /**
   * The runs that match every filter given (null = no filter).
   *
   * @param name the experiment name, {@code *} matching any characters
   * @param status running, done, failed or diverged
   * @param schedule the schedule type
   */
  public RunIndex filter(String name, String status, String schedule) {
    Predicate<RunRecord> keep = r -> true;
    if (name != null) {
      Pattern glob = Pattern.compile(
          String.join(".*", java.util.Arrays.stream(name.split("\\*", -1)).map(Pattern::quote).toList()));
      keep = keep.and(r -> glob.matcher(r.name()).matches());
    }
    if (status != null) {
      keep = keep.and(r -> r.status().equals(status));
    }
    if (schedule != null) {
      keep = keep.and(r -> r.schedule().equals(schedule));
    }
    return new RunIndex(runs.stream().filter(keep).toList());
  }

  public List<RunRecord> runs() {
    return runs;
  }

  /** An aligned table: started (local time), id, status, schedule, epochs, final and best val_accuracy, wall time. */
  public String toTable() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("started", "id", "status", "schedule", "epochs", "val_accuracy", "best", "wall", "commit"));
    for (RunRecord r : runs) {
      rows.add(List.of(LOCAL.format(Instant.parse(r.started())), r.id(), r.status(), r.schedule(),
          r.epochsDone() + "/" + r.epochs(), metric(r.last(), "val_accuracy"), metric(r.best(), "val_accuracy"),
          Comparison.wall(r.wallSeconds()), r.commit()));
    }
    int[] width = new int[rows.get(0).size()];
    rows.forEach(row -> {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    });
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringJoiner line = new StringJoiner("  ");
      for (int i = 0; i < row.size(); i++) {
        line.add(String.format(Locale.ROOT, "%-" + width[i] + "s", row.get(i)));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** CSV, one row per run, times as ISO-8601 instants. */
  public String toCsv() {
    StringBuilder out = new StringBuilder("id,name,status,schedule,started,ended,epochs,epochs_done,val_accuracy,"
        + "val_loss,best_val_accuracy,best_epoch,wall_seconds,version,commit,folder\n");
    for (RunRecord r : runs) {
      StringJoiner line = new StringJoiner(",");
      for (String cell : List.of(r.id(), r.name(), r.status(), r.schedule(), r.started(),
          r.ended() == null ? "" : r.ended(), Integer.toString(r.epochs()), Integer.toString(r.epochsDone()),
          metric(r.last(), "val_accuracy"), metric(r.last(), "val_loss"), metric(r.best(), "val_accuracy"),
          r.best().containsKey("epoch") ? Integer.toString(r.best().get("epoch").intValue()) : "",
          String.format(Locale.ROOT, "%.1f", r.wallSeconds()), r.version(), r.commit(), r.folder())) {
        line.add(cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /** A JSON array of the runs' records as written in their folders. */
  public String toJson() {
    StringJoiner out = new StringJoiner(",\n", "[\n", "\n]\n");
    runs.forEach(r -> out.add(r.toJson().strip()));
    return runs.isEmpty() ? "[]\n" : out.toString();
  }

  private static String metric(Map<String, Double> metrics, String key) {
    Double v = metrics.get(key);
    return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.4f", v);
  }
}
