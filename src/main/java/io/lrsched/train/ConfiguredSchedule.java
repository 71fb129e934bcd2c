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
   * @return the schedule, wrapped as configured, over {@code training.epochs}
   */
  public static LearningRateSchedule of(ExperimentSettings settings, int stepsPerEpoch, int workers) {
    return of(settings, stepsPerEpoch, workers, settings.training().epochs());
  }

  /**
   * As {@link #of(ExperimentSettings, int, int)}, with the schedule's length (what {@code auto} parameters derive
   * from) other than {@code training.epochs}: a resumed run that trains longer keeps its original schedule. The
   * schedule type resolves and checks its {@code auto} parameters again for that length, by the same rules.
   *
   * @param scheduleEpochs the epochs the schedule spans
   */
  public static LearningRateSchedule of(
      ExperimentSettings settings, int stepsPerEpoch, int workers, int scheduleEpochs) {
    ScheduleSettings s = settings.schedule();
    ScheduleContext context = new ScheduleContext(settings.training().lr(), scheduleEpochs, stepsPerEpoch, workers);
    LearningRateSchedule schedule = ScheduleRegistry.build(s.type(), s.parameters(), context);
    schedule = ScheduleRegistry.withWarmup(
        schedule, s.warmup().epochs(), s.warmup().steps(), s.warmup().startFactor());
    return ScheduleRegistry.withLinearScaling(
        schedule, s.linearScaling().enabled(), s.linearScaling().warmupEpochs(), context);
  }
}
