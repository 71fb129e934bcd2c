package io.lrsched.config;

import java.io.Serializable;

/**
 * The parameters of a learning-rate range test (Smith 2015, "Cyclical Learning Rates for Training Neural Networks",
 * section 3.3; the fast.ai learning-rate finder): the LR grows exponentially from {@code minLr} at the first
 * minibatch to {@code maxLr} at the last, the loss is smoothed exponentially with bias correction, and the sweep
 * stops early once the smoothed loss exceeds {@code stopFactor} times the best smoothed loss so far.
 *
 * @param minLr the LR of the first minibatch, {@code > 0}
 * @param maxLr the LR of the last minibatch, {@code > minLr}
 * @param batches minibatches in the sweep, {@code >= 2}
 * @param smoothing the exponential moving average's beta, {@code 0 <= smoothing < 1} (0 = no smoothing)
 * @param stopFactor stop when the smoothed loss exceeds this multiple of the best, {@code > 1}
 *     (the {@code lr-finder} section of the configuration, checked by {@link SettingsLoader})
 */
public record LrFinderSettings(double minLr, double maxLr, int batches, double smoothing, double stopFactor)
    implements Serializable {

  /**
   * The LR of minibatch {@code i}: {@code minLr * (maxLr / minLr) ^ (i / (batches - 1))}, so the first is exactly
   * {@code minLr} and the last exactly {@code maxLr}.
   *
   * @param i 0-based minibatch index, {@code 0 <= i < batches}
   */
  public double lrAt(int i) {
    if (i < 0 || i >= batches) {
      throw new IllegalArgumentException("minibatch " + i + " is outside the sweep's 0.." + (batches - 1));
    }
    if (i == batches - 1) {
      return maxLr; // exact, whatever pow's rounding
    }
    return minLr * Math.pow(maxLr / minLr, (double) i / (batches - 1));
  }
}
