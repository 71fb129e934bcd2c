package io.lrsched.train;

import io.lrsched.error.UserError;

/**
 * A run stopped because its training loss became NaN, infinite or (with {@code training.divergence.loss-factor})
 * exploded: an outcome of its configuration, not a fault to retry. Its run folder is marked {@code diverged}; the
 * command line exits with its own code.
 */
public final class TrainingDiverged extends UserError {
  private static final long serialVersionUID = 1L;

  /** @param message one line: where it diverged, the loss and the learning rate */
  public TrainingDiverged(String message) {
    super(EXIT_DIVERGED, "", message, null);
  }
}
