package io.lrsched.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-class precision, recall, F1 and support, accuracy, and macro and weighted averages, computed from a confusion
 * matrix and printed exactly as scikit-learn's {@code classification_report} prints them, e.g.
 *
 * <pre>
 *               precision    recall  f1-score   support
 *
 *     airplane       0.88      0.87      0.87      1000
 *          ...
 *
 *     accuracy                           0.84     10000
 *    macro avg       0.84      0.84      0.84     10000
 * weighted avg       0.84      0.84      0.84     10000
 * </pre>
 *
 * <p>As in scikit-learn with its default {@code zero_division}, a ratio whose denominator is 0 counts as 0. The
 * macro average is the unweighted mean of the per-class values (its F1 is the mean of the F1s, not the F1 of the
 * mean precision and recall); the weighted average weights each class by its support.
 */
public final class ClassificationReport {
  /** scikit-learn sizes the name column for its longest fixed label. */
  private static final String LONGEST_FIXED_LABEL = "weighted avg";

  private final List<ClassMetrics> classes;
  private final double accuracy;
  private final ClassMetrics macroAvg;
  private final ClassMetrics weightedAvg;

  private ClassificationReport(
      List<ClassMetrics> classes, double accuracy, ClassMetrics macroAvg, ClassMetrics weightedAvg) {
    this.classes = List.copyOf(classes);
    this.accuracy = accuracy;
    this.macroAvg = macroAvg;
    this.weightedAvg = weightedAvg;
  }

  /**
   * @param confusion square matrix, {@code confusion[actual][predicted]} = number of examples
   * @param classNames one name per row, in row order
   * @throws IllegalArgumentException if the matrix is not square, does not match the names, or has a negative count
   */
  public static ClassificationReport fromConfusionMatrix(long[][] confusion, List<String> classNames) {
    int k = classNames.size();
    if (k == 0) {
      throw new IllegalArgumentException("a classification report needs at least one class");
    }
    if (confusion.length != k) {
      throw new IllegalArgumentException(
          "confusion matrix has " + confusion.length + " rows but there are " + k + " class names");
    }
    long[] actual = new long[k];
    long[] predicted = new long[k];
    long total = 0;
    long correct = 0;
    for (int a = 0; a < k; a++) {
      if (confusion[a].length != k) {
        throw new IllegalArgumentException(
            "confusion matrix row " + a + " has " + confusion[a].length + " columns, expected " + k);
      }
      for (int p = 0; p < k; p++) {
        long count = confusion[a][p];
        if (count < 0) {
          throw new IllegalArgumentException("confusion matrix [" + a + "][" + p + "] is negative: " + count);
        }
        actual[a] += count;
        predicted[p] += count;
        total += count;
      }
      correct += confusion[a][a];
    }

    List<ClassMetrics> rows = new ArrayList<>(k);
    double[] sums = new double[3];
    double[] weighted = new double[3];
    for (int c = 0; c < k; c++) {
      double precision = ratio(confusion[c][c], predicted[c]);
      double recall = ratio(confusion[c][c], actual[c]);
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      rows.add(new ClassMetrics(classNames.get(c), precision, recall, f1, actual[c]));
      double[] values = {precision, recall, f1};
      for (int i = 0; i < 3; i++) {
        sums[i] += values[i];
        weighted[i] += values[i] * actual[c];
      }
    }
    ClassMetrics macro = new ClassMetrics("macro avg", sums[0] / k, sums[1] / k, sums[2] / k, total);
    ClassMetrics weightedAvg =
        new ClassMetrics(
            "weighted avg",
            total == 0 ? 0 : weighted[0] / total,
            total == 0 ? 0 : weighted[1] / total,
            total == 0 ? 0 : weighted[2] / total,
            total);
    return new ClassificationReport(rows, ratio(correct, total), macro, weightedAvg);
  }

  /** As {@link #fromConfusionMatrix(long[][], List)} for an {@code int} matrix. */
  public static ClassificationReport fromConfusionMatrix(int[][] confusion, List<String> classNames) {
    long[][] wide = new long[confusion.length][];
    for (int i = 0; i < confusion.length; i++) {
      wide[i] = new long[confusion[i].length];
      for (int j = 0; j < confusion[i].length; j++) {
        wide[i][j] = confusion[i][j];
      }
    }
    return fromConfusionMatrix(wide, classNames);
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0 : (double) numerator / denominator;
  }

  /** One row per class, in the confusion matrix's order. */
  public List<ClassMetrics> classes() {
    return classes;
  }

  /** Correct predictions / all examples (0 for an empty matrix). */
  public double accuracy() {
    return accuracy;
  }

  /** Unweighted mean over the classes. */
  public ClassMetrics macroAvg() {
    return macroAvg;
  }

  /** Mean over the classes weighted by support. */
  public ClassMetrics weightedAvg() {
    return weightedAvg;
  }

  /** All examples in the matrix. */
  public long support() {
    return macroAvg.support();
  }

  /** The report as scikit-learn prints it with its default 2 digits, ending in a newline. */
  public String toText() {
    return toText(2);
  }

  /** The report as scikit-learn prints it with {@code digits=digits}. */
  public String toText(int digits) {
    if (digits < 0) {
      throw new IllegalArgumentException("digits must be 0 or more, got " + digits);
    }
    int width = Math.max(LONGEST_FIXED_LABEL.length(), digits);
    for (ClassMetrics row : classes) {
      width = Math.max(width, row.name().length());
    }
    StringBuilder text = new StringBuilder();
    text.append(" ".repeat(width)).append(' ');
    for (String header : List.of("precision", "recall", "f1-score", "support")) {
      text.append(' ').append(PyFormat.right(header, 9));
    }
    text.append("\n\n");
    for (ClassMetrics row : classes) {
      appendRow(text, row, width, digits);
    }
    text.append('\n');
    text.append(PyFormat.right("accuracy", width)).append(' ');
    text.append(' ').append(" ".repeat(9)).append(' ').append(" ".repeat(9));
    text.append(' ').append(PyFormat.right(PyFormat.fixed(accuracy, digits), 9));
    text.append(' ').append(PyFormat.right(Long.toString(support()), 9)).append('\n');
    appendRow(text, macroAvg, width, digits);
    appendRow(text, weightedAvg, width, digits);
    return text.toString();
  }

  private static void appendRow(StringBuilder text, ClassMetrics row, int width, int digits) {
    text.append(PyFormat.right(row.name(), width)).append(' ');
    for (double value : new double[] {row.precision(), row.recall(), row.f1()}) {
      text.append(' ').append(PyFormat.right(PyFormat.fixed(value, digits), 9));
    }
    text.append(' ').append(PyFormat.right(Long.toString(row.support()), 9)).append('\n');
  }

  /**
   * The numbers at full precision as CSV: header {@code class,precision,recall,f1_score,support}, one line per
   * class, then {@code accuracy} (accuracy in the f1_score column, as the text report places it), {@code macro
   * avg} and {@code weighted avg}.
   */
  public String toCsv() {
    StringBuilder csv = new StringBuilder("class,precision,recall,f1_score,support\n");
    for (ClassMetrics row : classes) {
      appendCsv(csv, row);
    }
    csv.append("accuracy,,,").append(accuracy).append(',').append(support()).append('\n');
    appendCsv(csv, macroAvg);
    appendCsv(csv, weightedAvg);
    return csv.toString();
  }

  private static void appendCsv(StringBuilder csv, ClassMetrics row) {
    csv.append(csvField(row.name())).append(',')
        .append(row.precision()).append(',')
        .append(row.recall()).append(',')
        .append(row.f1()).append(',')
        .append(row.support()).append('\n');
  }

  /** A CSV field, quoted as RFC 4180 when it holds a comma, a quote or a line break. */
  static String csvField(String text) {
    boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n");
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  /** The text report. */
  @Override
  public String toString() {
    return toText();
  }
}
