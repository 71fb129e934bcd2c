package io.lrsched.schedule;

import java.util.Optional;

/**
 * The linear scaling rule with gradual warmup ({@code schedule.linear-scaling}; Goyal et al. 2017,
 * "Accurate, Large Minibatch SGD", sections 2.1-2.2): when the global batch grows k-fold with k workers,
 * multiply the LR by k, reaching the factor gradually: it rises linearly per global step from 1 (the
 * unscaled LR) at {@code t = 0} to {@code workers} at {@code t = warmupEpochs * stepsPerEpoch}, then stays.
 * With {@code warmupEpochs = 0} the factor is {@code workers} from the first step.
 *
 * @param inner the unscaled schedule
 * @param workers the scale factor k (number of workers), {@code >= 1}
 * @param warmupEpochs epochs of gradual warmup, {@code >= 0}
 */
public record LinearScalingSchedule(LearningRateSchedule inner, int workers, int warmupEpochs)
    implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;

  /** Guards against missing parts; parameter ranges are checked by the config package. */
  public LinearScalingSchedule {
    if (inner == null) {
      throw new IllegalArgumentException("inner must be given");
    }
  }

  /** The multiplier at one step: from 1 up to {@code workers}. */
  public double factor(int epoch, int step, int stepsPerEpoch) {
    long t = LearningRateSchedule.globalStep(epoch, step, stepsPerEpoch);
    if (warmupEpochs == 0) {
      return workers;
    }
    double progress = Math.min(1.0, t / ((double) warmupEpochs * stepsPerEpoch));
    return 1 + (workers - 1) * progress;
  }

  @Override
  public double lr(int epoch, int step, int stepsPerEpoch) {
    return inner.lr(epoch, step, stepsPerEpoch) * factor(epoch, step, stepsPerEpoch);
  }

  @Override
  public String name() {
    return inner.name() + "+linear-scaling";
  }

  @Override
  public boolean perStep() {
    return inner.perStep() || (workers > 1 && warmupEpochs > 0);
  }

  @Override
  public LearningRateSchedule onEpochEnd(int epoch, double monitoredValue) {
    LearningRateSchedule next = inner.onEpochEnd(epoch, monitoredValue);
    return next == inner ? this : new LinearScalingSchedule(next, workers, warmupEpochs);
  }

  @Override
  public Optional<PlateauState> snapshot() {
    return inner.snapshot();
  }

  @Override
  public LearningRateSchedule restore(PlateauState state) {
    return new LinearScalingSchedule(inner.restore(state), workers, warmupEpochs);
  }

  @Override
  public String toString() {
    return Text.describe(
        "linear-scaling", "workers", workers, "warmup-epochs", warmupEpochs, "of", inner);
  }
}
