package io.lrsched.schedule;

import java.util.Optional;

/**
 * Linear warmup in front of any schedule ({@code schedule.warmup}; PyTorch LinearLR chained with the wrapped
 * scheduler): the wrapped schedule's LR multiplied by a factor that rises linearly from {@code startFactor}
 * to 1 over {@code length} epochs or global steps, and 1 afterwards:
 * {@code factor(p) = startFactor + (1 - startFactor) * min(p, length) / length}, with {@code p} the epoch
 * (the factor changes once per epoch) or the global step {@code t} (it changes every step).
 *
 * @param inner the schedule being warmed up
 * @param length warmup length in {@code unit}, {@code >= 1}
 * @param unit what {@code length} counts
 * @param startFactor factor at {@code p = 0}, {@code 0 < startFactor <= 1}
 */
public record WarmupSchedule(LearningRateSchedule inner, long length, ScheduleUnit unit, double startFactor)
    implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;

  /** Guards against missing parts; parameter ranges are checked by the config package. */
  public WarmupSchedule {
    if (inner == null || unit == null) {
      throw new IllegalArgumentException("inner and unit must be given");
    }
    if (length < 1) {
      throw new IllegalArgumentException("length must be >= 1; got " + length);
    }
  }

  /** The multiplier at one step: from {@code startFactor} up to 1. */
  public double factor(int epoch, int step, int stepsPerEpoch) {
    long p =
        unit == ScheduleUnit.STEPS
            ? LearningRateSchedule.globalStep(epoch, step, stepsPerEpoch)
            : LearningRateSchedule.checkEpoch(epoch);
    return startFactor + (1 - startFactor) * Math.min(p, length) / (double) length;
  }

  @Override
  public double lr(int epoch, int step, int stepsPerEpoch) {
    return inner.lr(epoch, step, stepsPerEpoch) * factor(epoch, step, stepsPerEpoch);
  }

  @Override
  public String name() {
    return inner.name() + "+warmup";
  }

  @Override
  public boolean perStep() {
    return unit == ScheduleUnit.STEPS || inner.perStep();
  }

  @Override
  public LearningRateSchedule onEpochEnd(int epoch, double monitoredValue) {
    LearningRateSchedule next = inner.onEpochEnd(epoch, monitoredValue);
    return next == inner ? this : new WarmupSchedule(next, length, unit, startFactor);
  }

  @Override
  public Optional<PlateauState> snapshot() {
    return inner.snapshot();
  }

  @Override
  public LearningRateSchedule restore(PlateauState state) {
    return new WarmupSchedule(inner.restore(state), length, unit, startFactor);
  }

  @Override
  public String toString() {
    return Text.describe(
        "warmup", unit.key(), length, "start-factor", startFactor, "of", inner);
  }
}
