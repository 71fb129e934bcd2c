package io.lrsched.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-epoch metrics file of a run, one row per epoch, written after every epoch and read back to resume.
 *
 * <p>Columns: {@value #HEADER}. {@code steps} comes last so that the first seven columns read like a Keras
 * history; it is kept because a per-step schedule (Keras {@code decay}) needs the step count to resume exactly.
 * Numbers are written with {@link Double#toString(double)}: locale-independent, and parsing gives back the very
 * same double. Reading goes by column name, so files without {@code steps} (then 0) or with extra columns load too.
 */
public final class MetricsCsv {
  /** The header line. */
  public static final String HEADER = "epoch,lr,loss,accuracy,val_loss,val_accuracy,seconds,steps";

  private static final List<String> REQUIRED =
      List.of("epoch", "lr", "loss", "accuracy", "val_loss", "val_accuracy", "seconds");

  private MetricsCsv() {}

  /** Renders the rows under the header, each line ending in {@code \n}. */
  public static String toCsv(List<EpochMetrics> history) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (EpochMetrics m : history) {
      csv.append(m.epoch()).append(',')
          .append(m.lr()).append(',')
          .append(m.loss()).append(',')
          .append(m.accuracy()).append(',')
          .append(m.valLoss()).append(',')
          .append(m.valAccuracy()).append(',')
          .append(m.seconds()).append(',')
          .append(m.steps()).append('\n');
    }
    return csv.toString();
  }

  /**
   * Parses a metrics file back into rows.
   *
   * @throws IllegalArgumentException naming the line when a column is missing or a value is not a number
   */
  public static List<EpochMetrics> parse(String csv) {
    String[] lines = csv.split("\r?\n");
    if (lines.length == 0 || lines[0].isBlank()) {
      throw new IllegalArgumentException("metrics CSV is empty: expected the header " + HEADER);
    }
    Map<String, Integer> column = new HashMap<>();
    String[] names = lines[0].strip().split(",", -1);
    for (int i = 0; i < names.length; i++) {
      column.put(names[i].strip(), i);
    }
    for (String name : REQUIRED) {
      if (!column.containsKey(name)) {
        throw new IllegalArgumentException(
            "metrics CSV header lacks column '" + name + "': expected " + HEADER + ", got " + lines[0]);
      }
    }
    List<EpochMetrics> rows = new ArrayList<>();
    for (int n = 1; n < lines.length; n++) {
      if (lines[n].isBlank()) {
        continue;
      }
      String[] cells = lines[n].split(",", -1);
      if (cells.length != names.length) {
        throw new IllegalArgumentException(
            "metrics CSV line " + (n + 1) + ": expected " + names.length + " fields, got " + cells.length);
      }
      Row row = new Row(cells, column, n + 1);
      rows.add(
          new EpochMetrics(
              (int) row.integer("epoch"),
              row.number("lr"),
              row.number("loss"),
              row.number("accuracy"),
              row.number("val_loss"),
              row.number("val_accuracy"),
              row.number("seconds"),
              column.containsKey("steps") ? row.integer("steps") : 0));
    }
    return List.copyOf(rows);
  }

  /** One data line, read by column name; errors name the line and column. */
  private record Row(String[] cells, Map<String, Integer> column, int lineNumber) {
    double number(String name) {
      String cell = cells[column.get(name)].strip();
      switch (cell.toLowerCase(java.util.Locale.ROOT)) {
        case "nan":
          return Double.NaN;
        case "inf":
        case "infinity":
          return Double.POSITIVE_INFINITY;
        case "-inf":
        case "-infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            return Double.parseDouble(cell);
          } catch (NumberFormatException e) {
            throw bad(name, cell, "a number");
          }
      }
    }

    long integer(String name) {
      String cell = cells[column.get(name)].strip();
      try {
        return Long.parseLong(cell);
      } catch (NumberFormatException e) {
        throw bad(name, cell, "a whole number");
      }
    }

    private IllegalArgumentException bad(String name, String cell, String expected) {
      return new IllegalArgumentException(
          "metrics CSV line " + lineNumber + ": " + name + " '" + cell + "' is not " + expected);
    }
  }
}
