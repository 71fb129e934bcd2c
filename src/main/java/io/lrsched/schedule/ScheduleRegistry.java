package io.lrsched.schedule;

import java.util.List;

/**
 * The one list of schedule types, in documentation order: {@code schedule.type} chooses one by name, and each
 * {@link ScheduleType} declares its own parameters and how to build itself. Plus the two wrappers that apply to any
 * type. Adding a type is its class (formula, parameters, builder), one line here, its block in reference.conf, its
 * test and its documentation.
 */
public final class ScheduleRegistry {
  // Java finds no classes by itself without a scanning library or a services file, either of which is this list
  // again; the list also fixes the order in which the types are documented.
  private static final List<ScheduleType> TYPES = List.of(
      ConstantSchedule.TYPE,
      TimeBasedDecaySchedule.TYPE,
      StepDecaySchedule.STEP,
      StepDecaySchedule.ALIGNED,
      PolynomialDecaySchedule.LINEAR,
      PolynomialDecaySchedule.POLY,
      ExponentialDecaySchedule.TYPE,
      MultiStepSchedule.TYPE,
      PiecewiseConstantSchedule.TYPE,
      CosineAnnealingSchedule.TYPE,
      CyclicalSchedule.TYPE,
      OneCycleSchedule.TYPE,
      PlateauSchedule.TYPE,
      WsdSchedule.TYPE);

  /** The blocks of {@code schedule} that wrap any type rather than name one. */
  public static final List<String> WRAPPERS = List.of("warmup", "linear-scaling");

  private ScheduleRegistry() {}

  /** The registered schedule names, in documentation order. */
  public static List<String> names() {
    return TYPES.stream().map(ScheduleType::name).toList();
  }

  /**
   * The type registered as {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static ScheduleType type(String name) {
    return TYPES.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(
        () -> new IllegalArgumentException("unknown schedule '" + name + "'; registered: " + names()));
  }

  /**
   * Builds one schedule from its parameters, without wrappers.
   *
   * @param name a registered name
   * @param parameters the type's parameters as the config package resolved them
   * @param context lr0 and the length {@code auto} parameters resolve from again, and the run's shape
   * @throws IllegalArgumentException for an unknown name, or a parameter out of range in this context
   */
  public static LearningRateSchedule build(String name, ScheduleParameters parameters, ScheduleContext context) {
    return type(name).build(parameters, context);
  }

  /**
   * A linear warmup in front of {@code schedule}, or the schedule itself while both lengths are 0.
   *
   * @param epochs warmup length in epochs (at most one of epochs and steps above 0)
   * @param steps warmup length in global steps
   * @param startFactor the factor at the start, in (0, 1]
   */
  public static LearningRateSchedule withWarmup(
      LearningRateSchedule schedule, int epochs, int steps, double startFactor) {
    if (epochs > 0) {
      return new WarmupSchedule(schedule, epochs, ScheduleUnit.EPOCHS, startFactor);
    }
    return steps > 0 ? new WarmupSchedule(schedule, steps, ScheduleUnit.STEPS, startFactor) : schedule;
  }

  /** The linear scaling rule over {@code context.workers()} workers, or the schedule itself when not enabled. */
  public static LearningRateSchedule withLinearScaling(
      LearningRateSchedule schedule, boolean enabled, int warmupEpochs, ScheduleContext context) {
    return enabled ? new LinearScalingSchedule(schedule, context.workers(), warmupEpochs) : schedule;
  }
}
