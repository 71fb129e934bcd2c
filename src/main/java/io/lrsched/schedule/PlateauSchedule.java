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
