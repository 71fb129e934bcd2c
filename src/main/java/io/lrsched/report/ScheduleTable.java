package io.lrsched.report;

import io.lrsched.schedule.ScheduleCurve;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sampled schedules side by side, as the CSV tables {@code plot-schedule} writes: one row per epoch (the LR at the
 * epoch's first step), and one row per global step. Columns are named after the schedules, in the order given.
 * Epochs are 0-based, the tutorial's {@code e}; numbers are written with {@link Double#toString} (every digit,
 * locale-independent).
 */
public final class ScheduleTable {
  private final Map<String, ScheduleCurve> curves;
  private final int epochs;
  private final int stepsPerEpoch;

  /**
   * @param curves schedule name to its curve, all sampled over the same epochs and steps
   * @throws IllegalArgumentException if there are none or their lengths differ
   */
  public ScheduleTable(Map<String, ScheduleCurve> curves) {
    if (curves.isEmpty()) {
      throw new IllegalArgumentException("a schedule table needs at least one schedule");
    }
    this.curves = new LinkedHashMap<>(curves);
    ScheduleCurve first = curves.values().iterator().next();
    this.epochs = first.epochs();
    this.stepsPerEpoch = first.stepsPerEpoch();
    for (ScheduleCurve c : curves.values()) {
      if (c.epochs() != epochs || c.stepsPerEpoch() != stepsPerEpoch) {
        throw new IllegalArgumentException("all schedules of a table must be sampled over the same epochs and steps");
      }
    }
  }

  /** {@code epoch,<name>,...}: one row per epoch. */
  public String epochCsv() {
    StringBuilder csv = new StringBuilder("epoch");
    curves.keySet().forEach(name -> csv.append(',').append(name));
    csv.append('\n');
    List<double[]> columns = curves.values().stream().map(ScheduleCurve::epochLr).toList();
    for (int e = 0; e < epochs; e++) {
      csv.append(e);
      for (double[] column : columns) {
        csv.append(',').append(column[e]);
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  /**
   * {@code epoch,epoch_step,global_step,<name>,...}: one row per global step, {@code global_step = epoch *
   * stepsPerEpoch + epoch_step}. The index columns are not called "step": a schedule is.
   */
  public String stepCsv() {
    StringBuilder csv = new StringBuilder("epoch,epoch_step,global_step");
    curves.keySet().forEach(name -> csv.append(',').append(name));
    csv.append('\n');
    List<double[]> columns = curves.values().stream().map(ScheduleCurve::stepLr).toList();
    for (int t = 0; t < epochs * stepsPerEpoch; t++) {
      csv.append(t / stepsPerEpoch).append(',').append(t % stepsPerEpoch).append(',').append(t);
      for (double[] column : columns) {
        csv.append(',').append(column[t]);
      }
      csv.append('\n');
    }
    return csv.toString();
  }
}
