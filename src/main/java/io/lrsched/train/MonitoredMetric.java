package io.lrsched.train;

import io.lrsched.config.ScheduleSettings;
import io.lrsched.report.EpochMetrics;
import io.lrsched.schedule.PlateauSchedule;

/**
 * The metric the driver feeds to adaptive schedules after each epoch ({@code schedule.plateau.monitor}):
 * val-loss, val-accuracy, train-loss or train-accuracy. Schedules other than plateau ignore the value, and the
 * driver feeds them nothing (NaN).
 */
final class MonitoredMetric {
  private final String name;

  private MonitoredMetric(String name) {
    this.name = name;
  }

  static MonitoredMetric of(ScheduleSettings schedule) {
    return new MonitoredMetric(schedule.type().equals("plateau") ? PlateauSchedule.monitor(schedule.parameters())
        : "none");
  }

  double valueOf(EpochMetrics metrics) {
    return switch (name) {
      case "val-loss" -> metrics.valLoss();
      case "val-accuracy" -> metrics.valAccuracy();
      case "train-loss" -> metrics.loss();
      case "train-accuracy" -> metrics.accuracy();
      default -> Double.NaN;
    };
  }

  @Override
  public String toString() {
    return name;
  }
}
