package io.lrsched.train;

import io.lrsched.config.ScheduleSettings;
import io.lrsched.report.EpochMetrics;
import java.util.Map;

/**
 * The metric the driver feeds to adaptive schedules after each epoch ({@code schedule.plateau.monitor}):
 * val-loss, val-accuracy, train-loss or train-accuracy.
 */
final class MonitoredMetric {
  private final String name;

  private MonitoredMetric(String name) {
    this.name = name;
  }

  static MonitoredMetric of(ScheduleSettings schedule) {
    Object plateau = schedule.block().get("plateau");
    Object monitor = plateau instanceof Map<?, ?> m ? m.get("monitor") : null;
    return new MonitoredMetric(monitor == null ? "val-loss" : monitor.toString());
  }

  double valueOf(EpochMetrics metrics) {
    return switch (name) {
      case "val-loss" -> metrics.valLoss();
      case "val-accuracy" -> metrics.valAccuracy();
      case "train-loss" -> metrics.loss();
      case "train-accuracy" -> metrics.accuracy();
      default -> throw new IllegalStateException("schedule.plateau.monitor = " + name
          + ": expected val-loss, val-accuracy, train-loss or train-accuracy");
    };
  }

  @Override
  public String toString() {
    return name;
  }
}
