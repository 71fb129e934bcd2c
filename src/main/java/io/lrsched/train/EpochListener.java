package io.lrsched.train;

import io.lrsched.report.EpochMetrics;

/**
 * Told on the driver after every epoch, once the epoch is recorded and its checkpoint (if one is due) written; may ask
 * the run to stop there. A stopped run writes a checkpoint for its last epoch (if none was due), its report, plots
 * and {@code model.zip}, and can be resumed later like an interrupted one.
 */
@FunctionalInterface
public interface EpochListener {

  /** What the run does next. */
  enum Decision {
    /** Go on with the next epoch. */
    CONTINUE,
    /** Stop cleanly after this epoch. */
    STOP
  }

  /** Never stops a run. */
  EpochListener NONE = (epoch, metrics) -> Decision.CONTINUE;

  /**
   * @param epoch the 1-based epoch just finished
   * @param metrics its metrics, as written to metrics.csv
   * @return whether to go on
   */
  Decision afterEpoch(int epoch, EpochMetrics metrics);
}
