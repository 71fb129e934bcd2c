package io.lrsched.schedule;

import java.util.Optional;

/**
 * ReduceLROnPlateau ({@code plateau}) as an immutable schedule: a {@link PlateauPolicy} (the rules) and a
 * {@link PlateauState} (what has happened so far). The LR is {@code state.lr()} for every step until the
 * driver reports the next epoch's monitored value:
 *
 * <pre>
 * table = EpochLrTable.of(schedule, e, stepsPerEpoch);   // broadcast, train epoch e
 * schedule = schedule.onEpochEnd(e, validationLoss);     // decides the LR of epoch e + 1
 * checkpoint(schedule.snapshot());                       // resume: schedule.restore(saved)
 * </pre>
 *
 * @param policy the rules
 * @param state the current state
 */
public record PlateauSchedule(PlateauPolicy policy, PlateauState state) implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;

  private static final Parameter<String> MONITOR =
      Parameter.choice("monitor", "val-loss", "val-accuracy", "train-loss", "train-accuracy");
  private static final Parameter<String> MODE = Parameter.choice("mode", "min", "max");
  private static final Parameter<Double> FACTOR = Parameter.number("factor", d -> d > 0 && d < 1, "a number in (0, 1)");
  private static final Parameter<Integer> PATIENCE = Parameter.integer("patience", 0);
  private static final Parameter<Double> THRESHOLD = Parameter.number("threshold", d -> d >= 0, "a number >= 0");
  private static final Parameter<String> THRESHOLD_MODE = Parameter.choice("threshold-mode", "rel", "abs");
  private static final Parameter<Integer> COOLDOWN = Parameter.integer("cooldown", 0);
  private static final Parameter<Double> MIN_LR = Parameter.upToLr0("min-lr");
  private static final Parameter<Double> EPS = Parameter.number("eps", d -> d >= 0, "a number >= 0");

  /** {@code plateau}: ReduceLROnPlateau driven by the metric {@link #monitor} names. */
  static final ScheduleType TYPE = new ScheduleType(
      "plateau",
      (p, c) -> start(new PlateauPolicy(c.initialLr(), p.get(MONITOR),
          Parameter.option(PlateauPolicy.Mode.class, p.get(MODE)), p.get(FACTOR), p.get(PATIENCE), p.get(THRESHOLD),
          Parameter.option(PlateauPolicy.ThresholdMode.class, p.get(THRESHOLD_MODE)), p.get(COOLDOWN),
          p.get(MIN_LR), p.get(EPS))),
      MONITOR, MODE, FACTOR, PATIENCE, THRESHOLD, THRESHOLD_MODE, COOLDOWN, MIN_LR, EPS);

  /**
   * The metric a plateau schedule with these parameters is fed after each epoch.
   *
   * @param parameters the {@code plateau} type's parameters
   * @return e.g. {@code val-loss}
   */
  public static String monitor(ScheduleParameters parameters) {
    return parameters.get(MONITOR);
  }

  /** Validates the parameters. */
  public PlateauSchedule {
    if (policy == null || state == null) {
      throw new IllegalArgumentException("policy and state must be given");
    }
  }

  /** A schedule that has seen no epoch yet. */
  public static PlateauSchedule start(PlateauPolicy policy) {
    return new PlateauSchedule(policy, policy.initialState());
  }

  @Override
  public double lr(int epoch, int step, int stepsPerEpoch) {
    LearningRateSchedule.checkEpoch(epoch);
    return state.lr();
  }

  @Override
  public String name() {
    return "plateau";
  }

  @Override
  public boolean perStep() {
    return false;
  }

  @Override
  public PlateauSchedule onEpochEnd(int epoch, double monitoredValue) {
    return new PlateauSchedule(policy, policy.next(state, epoch, monitoredValue));
  }

  @Override
  public Optional<PlateauState> snapshot() {
    return Optional.of(state);
  }

  @Override
  public PlateauSchedule restore(PlateauState saved) {
    return new PlateauSchedule(policy, saved);
  }

  @Override
  public String toString() {
    return policy + " " + state;
  }
}
