package io.lrsched.schedule;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The learning rates of one epoch, resolved on the driver and broadcast to workers before the epoch: one
 * value per global step for schedules that vary within an epoch, or a single value for epoch-indexed ones
 * (so a table for a 391-step epoch of the tutorial's {@code step} schedule is one double).
 *
 * @param epoch the 0-based epoch the table is for
 * @param stepsPerEpoch global steps in the epoch, {@code >= 1}
 * @param lrs either one value for the whole epoch or exactly {@code stepsPerEpoch} values (copied)
 */
public record EpochLrTable(int epoch, int stepsPerEpoch, double[] lrs) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Validates the table and copies the array. */
  public EpochLrTable {
    LearningRateSchedule.checkEpoch(epoch);
    if (stepsPerEpoch < 1) {
      throw new IllegalArgumentException("stepsPerEpoch must be >= 1; got " + stepsPerEpoch);
    }
    if (lrs == null || (lrs.length != 1 && lrs.length != stepsPerEpoch)) {
      throw new IllegalArgumentException(
          "an epoch table holds 1 or stepsPerEpoch (" + stepsPerEpoch + ") values; got "
              + (lrs == null ? "none" : lrs.length));
    }
    lrs = lrs.clone();
  }

  /** Resolves {@code schedule} for one epoch: one value if it does not vary within an epoch, else one per step. */
  public static EpochLrTable of(LearningRateSchedule schedule, int epoch, int stepsPerEpoch) {
    if (stepsPerEpoch < 1) {
      throw new IllegalArgumentException("stepsPerEpoch must be >= 1; got " + stepsPerEpoch);
    }
    double[] values = new double[schedule.perStep() ? stepsPerEpoch : 1];
    for (int step = 0; step < values.length; step++) {
      values[step] = schedule.lr(epoch, step, stepsPerEpoch);
    }
    return new EpochLrTable(epoch, stepsPerEpoch, values);
  }

  /**
   * The LR of one global step of this epoch.
   *
   * @param step 0-based global step within the epoch, {@code 0 <= step < stepsPerEpoch}
   */
  public double lrAt(int step) {
    if (step < 0 || step >= stepsPerEpoch) {
      throw new IllegalArgumentException(
          "step must be in [0, " + stepsPerEpoch + ") for epoch " + epoch + "; got " + step);
    }
    return lrs.length == 1 ? lrs[0] : lrs[step];
  }

  /** Whether the table holds one value per step (else one for the whole epoch). */
  public boolean perStep() {
    return lrs.length > 1;
  }

  /** A copy of the stored values. */
  @Override
  public double[] lrs() {
    return lrs.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EpochLrTable other
        && epoch == other.epoch
        && stepsPerEpoch == other.stepsPerEpoch
        && Arrays.equals(lrs, other.lrs);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * epoch + stepsPerEpoch) + Arrays.hashCode(lrs);
  }

  @Override
  public String toString() {
    String values =
        lrs.length == 1
            ? Double.toString(lrs[0])
            : lrs.length + " values from " + lrs[0] + " to " + lrs[lrs.length - 1];
    return "EpochLrTable[epoch=" + epoch + ", stepsPerEpoch=" + stepsPerEpoch + ", lr=" + values + "]";
  }
}
