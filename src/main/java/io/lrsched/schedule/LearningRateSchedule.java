package io.lrsched.schedule;

import java.io.Serializable;
import java.util.Optional;

/**
 * A learning-rate schedule: the learning rate (LR) as a pure function of the epoch and the step within it.
 *
 * <h2>Indices</h2>
 *
 * <ul>
 *   <li>{@code epoch} is 0-based (the tutorial's {@code e}).
 *   <li>{@code step} is 0-based within the epoch and counts <em>global</em> optimizer steps: one global
 *       step consumes one global batch (128 images in the tutorial, so 391 steps per epoch).
 *   <li>{@code t}, the number of global steps taken before this step, is {@code epoch * stepsPerEpoch +
 *       step} (see {@link #globalStep}). Keras' time-based decay and every per-step schedule use it.
 * </ul>
 *
 * <h2>Global steps under parameter averaging</h2>
 *
 * With DL4J's parameter averaging, W workers each take {@code averagingFrequency} local steps per
 * averaging round on disjoint minibatches of size {@code globalBatch / W}; their averaged update plays the
 * part of one global batch per local step. Local step {@code j} (0-based) of averaging round {@code r}
 * within an epoch is therefore global step {@code r * averagingFrequency + j}, the same number on every
 * worker, and every worker applies the same LR at that step. With a global batch of 128 the per-step
 * values are exactly the tutorial's.
 *
 * <h2>Contract</h2>
 *
 * Implementations are immutable values: {@code toString()} prints {@link #name()} and every parameter,
 * {@code equals} compares parameters, and Java serialization round-trips them (they travel to Spark
 * executors inside {@link EpochLrTable}s or closures). Schedules that do not vary within an epoch report
 * {@link #perStep()} {@code false} and ignore {@code step}.
 */
public interface LearningRateSchedule extends Serializable {

  /**
   * The learning rate to use at one step.
   *
   * @param epoch 0-based epoch index
   * @param step 0-based global step within the epoch, {@code 0 <= step < stepsPerEpoch}
   * @param stepsPerEpoch global steps (global batches) per epoch, {@code >= 1}
   * @return the learning rate, {@code >= 0}
   */
  double lr(int epoch, int step, int stepsPerEpoch);

  /** The registry name of this schedule, e.g. {@code step}; wrappers append theirs, e.g. {@code step+warmup}. */
  String name();

  /** Whether the LR can change between steps of one epoch; if not, one value per epoch suffices. */
  boolean perStep();

  /**
   * Tells the schedule the monitored value (e.g. validation loss) measured after {@code epoch}; the LR of the
   * following epochs may depend on it. Pure schedules ignore it and return {@code this}; adaptive ones
   * (see {@link PlateauSchedule}) return a new schedule holding the new state. Call it once per epoch, in
   * increasing epoch order.
   *
   * @return the schedule to use from epoch {@code epoch + 1} on
   */
  default LearningRateSchedule onEpochEnd(int epoch, double monitoredValue) {
    return this;
  }

  /** The state to checkpoint, present only for adaptive schedules (or wrappers of one). */
  default Optional<PlateauState> snapshot() {
    return Optional.empty();
  }

  /**
   * This schedule with a checkpointed state restored.
   *
   * @throws IllegalArgumentException if the schedule keeps no state
   */
  default LearningRateSchedule restore(PlateauState state) {
    throw new IllegalArgumentException(
        "schedule '" + name() + "' keeps no state; a checkpointed plateau state cannot be restored into it");
  }

  /**
   * The number of global steps taken before {@code step} of {@code epoch}: {@code epoch * stepsPerEpoch +
   * step}.
   *
   * @throws IllegalArgumentException if an index is out of range
   */
  static long globalStep(int epoch, int step, int stepsPerEpoch) {
    if (epoch < 0 || stepsPerEpoch < 1 || step < 0 || step >= stepsPerEpoch) {
      throw new IllegalArgumentException(
          "need epoch >= 0, stepsPerEpoch >= 1 and 0 <= step < stepsPerEpoch; got epoch="
              + epoch
              + ", step="
              + step
              + ", stepsPerEpoch="
              + stepsPerEpoch);
    }
    return (long) epoch * stepsPerEpoch + step;
  }

  /**
   * Checks an epoch index for epoch-indexed schedules.
   *
   * @throws IllegalArgumentException if {@code epoch < 0}
   */
  static int checkEpoch(int epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("need epoch >= 0; got " + epoch);
    }
    return epoch;
  }
}
