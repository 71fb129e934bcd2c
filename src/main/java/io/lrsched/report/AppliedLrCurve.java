package io.lrsched.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learning rate as the workers applied it, drawn as what it is: a staircase, constant over each step (or each
 * epoch, for per-epoch schedules), never a slope between per-epoch values. The x axis is training progress in epochs:
 * step {@code s} of {@code n} in 1-based epoch {@code e} covers {@code [e - 1 + s/n, e - 1 + (s+1)/n)}, so that the
 * value after epoch {@code e} (the training plot's point at {@code x = e}) sits at the end of that epoch's stretch.
 */
public final class AppliedLrCurve {

  /**
   * One applied step.
   *
   * @param epoch 1-based epoch
   * @param step 0-based step within the epoch
   * @param lr the learning rate applied
   */
  public record Step(int epoch, int step, double lr) {}

  private AppliedLrCurve() {}

  /**
   * Reads {@code lr-applied.csv} by its header (columns {@code epoch}, {@code step}, {@code lr}; others ignored),
   * keeping one value per (epoch, step): every worker applies the same one, which the run checked.
   *
   * @throws IllegalArgumentException if a column is missing or a value is not a number, naming the line
   */
  public static List<Step> parseCsv(String csv) {
    String[] lines = csv.split("\r?\n");
    if (lines.length == 0 || lines[0].isBlank()) {
      return List.of();
    }
    List<String> header = List.of(lines[0].split(","));
    int epochCol = column(header, "epoch");
    int stepCol = column(header, "step");
    int lrCol = column(header, "lr");
    Map<Long, Step> steps = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] cells = lines[i].split(",");
      try {
        Step s = new Step(Integer.parseInt(cells[epochCol]), Integer.parseInt(cells[stepCol]),
            Double.parseDouble(cells[lrCol]));
        steps.putIfAbsent(((long) s.epoch() << 32) | s.step(), s);
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new IllegalArgumentException("line " + (i + 1) + " of lr-applied.csv: expected numbers in epoch, step"
            + " and lr, got '" + lines[i] + "'", e);
      }
    }
    return new ArrayList<>(steps.values());
  }

  /** One step per epoch, from per-epoch learning rates (runs without {@code lr-applied.csv}). */
  public static List<Step> perEpoch(List<EpochMetrics> history) {
    return history.stream().map(m -> new Step(m.epoch(), 0, m.lr())).toList();
  }

  /**
   * The staircase through the steps: two points per stretch of equal learning rate, so the line is flat across the
   * stretch and vertical where the rate changes.
   *
   * @throws IllegalArgumentException if there are no steps
   */
  public static PlotSeries staircase(String name, List<Step> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("no applied learning rates to draw for '" + name + "'");
    }
    Map<Integer, Integer> stepsPerEpoch = new HashMap<>();
    for (Step s : steps) {
      stepsPerEpoch.merge(s.epoch(), s.step() + 1, Math::max);
    }
    List<Step> sorted = new ArrayList<>(steps);
    sorted.sort(Comparator.comparingInt(Step::epoch).thenComparingInt(Step::step));
    List<double[]> points = new ArrayList<>();
    double runStart = Double.NaN;
    double runEnd = Double.NaN;
    double runLr = Double.NaN;
    for (Step s : sorted) {
      double n = stepsPerEpoch.get(s.epoch());
      double from = s.epoch() - 1 + s.step() / n;
      double to = s.epoch() - 1 + (s.step() + 1) / n;
      if (s.lr() == runLr && Math.abs(from - runEnd) < 1e-9) {
        runEnd = to;
        continue;
      }
      if (!Double.isNaN(runStart)) {
        points.add(new double[] {runStart, runLr});
        points.add(new double[] {runEnd, runLr});
      }
      runStart = from;
      runEnd = to;
      runLr = s.lr();
    }
    points.add(new double[] {runStart, runLr});
    points.add(new double[] {runEnd, runLr});
    double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
    return new PlotSeries(name, x, y);
  }

  /** Whether the positive values span more than two decades, where a log axis shows the schedule better. */
  public static boolean spansDecades(List<PlotSeries> series) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (PlotSeries s : series) {
      for (double v : s.y()) {
        if (v > 0 && Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    return max > 0 && max / min > 100;
  }

  private static int column(List<String> header, String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("lr-applied.csv has no '" + name + "' column; header: " + header);
    }
    return i;
  }
}
