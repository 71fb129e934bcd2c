package io.lrsched.finder;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a range test's (learning rate, loss) points one minibatch at a time, smooths the loss and decides when to
 * stop. No DL4J here: the math is tested on synthetic curves.
 *
 * <p>Smoothing is an exponential moving average with bias correction (as in Adam; fast.ai's finder):
 * {@code avg_i = beta * avg_(i-1) + (1 - beta) * loss_i}, {@code avg_(-1) = 0}, {@code smoothed_i = avg_i / (1 -
 * beta^(i+1))}. Without the correction the first smoothed values would be pulled towards 0. The sweep stops after a
 * point whose smoothed loss exceeds {@code stopFactor} times the best smoothed loss before it, or whose loss is not
 * finite (the network diverged); that point is kept, so the plot shows the blow-up.
 */
public final class LrFinderCurve {
  private final double smoothing;
  private final double stopFactor;
  private final List<double[]> points = new ArrayList<>();
  private double average;
  private double best = Double.POSITIVE_INFINITY;
  private boolean stopped;

  /**
   * @param smoothing beta, {@code 0 <= beta < 1}
   * @param stopFactor stop once the smoothed loss exceeds this multiple of the best, {@code > 1}
   */
  public LrFinderCurve(double smoothing, double stopFactor) {
    if (!(smoothing >= 0 && smoothing < 1)) {
      throw new IllegalArgumentException("smoothing = " + smoothing + ": must be in [0, 1)");
    }
    if (!(stopFactor > 1)) {
      throw new IllegalArgumentException("stop-factor = " + stopFactor + ": must be > 1");
    }
    this.smoothing = smoothing;
    this.stopFactor = stopFactor;
  }

  /**
   * Records one minibatch.
   *
   * @param lr the LR the minibatch was trained with
   * @param loss its loss
   * @return whether the sweep should go on
   * @throws IllegalStateException if the sweep has already stopped
   */
  public boolean add(double lr, double loss) {
    if (stopped) {
      throw new IllegalStateException("the sweep stopped at " + points.size() + " points; no more can be added");
    }
    int i = points.size();
    average = smoothing * average + (1 - smoothing) * loss;
    double smoothed = average / (1 - Math.pow(smoothing, i + 1));
    points.add(new double[] {lr, loss, smoothed});
    if (!Double.isFinite(smoothed) || (i > 0 && smoothed > stopFactor * best)) {
      stopped = true;
      return false;
    }
    best = Math.min(best, smoothed);
    return true;
  }

  /** Whether the last point ended the sweep early (divergence or the stop factor). */
  public boolean stoppedEarly() {
    return stopped;
  }

  /** The points so far and the suggestions they give. */
  public LrFinderResult result() {
    double[] lrs = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] losses = points.stream().mapToDouble(p -> p[1]).toArray();
    double[] smoothed = points.stream().mapToDouble(p -> p[2]).toArray();
    return LrFinderResult.of(lrs, losses, smoothed, stopped);
  }
}
