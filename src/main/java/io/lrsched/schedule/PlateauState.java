package io.lrsched.schedule;

import java.io.Serializable;

/**
 * The state of {@link PlateauSchedule} after some epochs: an immutable snapshot to checkpoint and restore
 * (the fields of PyTorch ReduceLROnPlateau's {@code state_dict} that matter). Plain fields, so a checkpoint
 * may store it as JSON as well as with Java serialization.
 *
 * @param lr the LR in use for the next epoch, {@code >= 0}
 * @param best the best monitored value so far ({@code +inf} for mode min, {@code -inf} for max before any)
 * @param numBadEpochs epochs since the last improvement, not counting cooldown, {@code >= 0}
 * @param cooldownCounter epochs of cooldown left, {@code >= 0}
 * @param lastEpoch the last epoch reported to {@link PlateauSchedule#onEpochEnd}, -1 before any
 */
public record PlateauState(double lr, double best, int numBadEpochs, int cooldownCounter, int lastEpoch)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Validates the snapshot (it may come from a file). */
  public PlateauState {
    Check.nonNegative("lr", lr);
    if (Double.isNaN(best)) {
      throw new IllegalArgumentException("best must be a number or +-infinity; got NaN");
    }
    Check.atLeast("numBadEpochs", numBadEpochs, 0);
    Check.atLeast("cooldownCounter", cooldownCounter, 0);
    Check.atLeast("lastEpoch", lastEpoch, -1);
  }
}
