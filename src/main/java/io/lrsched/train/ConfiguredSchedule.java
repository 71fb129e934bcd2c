package io.lrsched.train;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.config.ScheduleSettings;
import io.lrsched.schedule.LearningRateSchedule;
import io.lrsched.schedule.ScheduleContext;
import io.lrsched.schedule.ScheduleRegistry;

/** The experiment's schedule, built from its validated settings: the type, then warmup, then linear scaling. */
public final class ConfiguredSchedule {
  private ConfiguredSchedule() {}

  /**
   * @param settings the validated experiment
   * @param stepsPerEpoch global steps per epoch if known, else 0
   * @param workers parameter-averaging workers (the linear scaling rule's factor), at least 1
   * @return the schedule, wrapped as configured
   */
  public static LearningRateSchedule of(ExperimentSettings settings, int stepsPerEpoch, int workers) {
    ScheduleSettings s = settings.schedule();
    ScheduleContext context =
        new ScheduleContext(settings.training().lr(), settings.training().epochs(), stepsPerEpoch, workers);
    LearningRateSchedule schedule = ScheduleRegistry.build(s.type(), s.parameters(), context);
    schedule = ScheduleRegistry.withWarmup(
        schedule, s.warmup().epochs(), s.warmup().steps(), s.warmup().startFactor());
    return ScheduleRegistry.withLinearScaling(
        schedule, s.linearScaling().enabled(), s.linearScaling().warmupEpochs(), context);
  }
}
