package io.lrsched.report;

/**
 * What one training epoch produced, as the epoch log, the metrics CSV and the training plot show it.
 *
 * <p>Loss and accuracy values may be {@code NaN} (a diverged run, or no validation set); they are reported as
 * such, never hidden.
 *
 * @param epoch the epoch number as shown to users, 1-based
 * @param lr the learning rate in use during the epoch (for per-step schedules: at the epoch's last step)
 * @param loss mean training loss over the epoch
 * @param accuracy training accuracy over the epoch, in [0, 1]
 * @param valLoss loss on the validation (test) set after the epoch
 * @param valAccuracy accuracy on the validation (test) set after the epoch
 * @param seconds wall-clock seconds the epoch took (training and validation)
 * @param steps optimizer steps (minibatches) in the epoch
 */
public record EpochMetrics(
    int epoch,
    double lr,
    double loss,
    double accuracy,
    double valLoss,
    double valAccuracy,
    double seconds,
    long steps) {

  /** Checks the values that cannot be wrong in a real run. */
  public EpochMetrics {
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be 1 or more (1-based), got " + epoch);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be 0 or more, got " + steps);
    }
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException("seconds must be 0 or more, got " + seconds);
    }
  }
}
