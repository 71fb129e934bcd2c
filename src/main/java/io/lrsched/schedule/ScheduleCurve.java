package io.lrsched.schedule;

import java.util.Arrays;

/**
 * A schedule sampled for plotting ({@code plot-schedule}): the LR at step 0 of every epoch, and the LR of
 * every global step. Adaptive schedules ({@code plateau}) are sampled as if no epoch had been reported, so
 * they plot flat.
 *
 * @param epochs epochs sampled
 * @param stepsPerEpoch global steps per epoch
 * @param epochLr {@code epochLr[e]} = LR at step 0 of epoch {@code e}
 * @param stepLr {@code stepLr[t]} = LR at global step {@code t}, {@code epochs * stepsPerEpoch} values
 */
public record ScheduleCurve(int epochs, int stepsPerEpoch, double[] epochLr, double[] stepLr) {

  /** Samples {@code schedule} over {@code epochs} epochs of {@code stepsPerEpoch} global steps. */
  public static ScheduleCurve sample(LearningRateSchedule schedule, int epochs, int stepsPerEpoch) {
    Check.atLeast("epochs", epochs, 1);
    Check.atLeast("stepsPerEpoch", stepsPerEpoch, 1);
    long total = (long) epochs * stepsPerEpoch;
    if (total > 50_000_000L) {
      throw new IllegalArgumentException("too many steps to sample (" + total + "); at most 50,000,000");
    }
    double[] perEpoch = new double[epochs];
    double[] perStep = new double[(int) total];
    for (int e = 0; e < epochs; e++) {
      EpochLrTable table = EpochLrTable.of(schedule, e, stepsPerEpoch);
      perEpoch[e] = table.lrAt(0);
      for (int s = 0; s < stepsPerEpoch; s++) {
        perStep[e * stepsPerEpoch + s] = table.lrAt(s);
      }
    }
    return new ScheduleCurve(epochs, stepsPerEpoch, perEpoch, perStep);
  }

  /** Copies the arrays. */
  public ScheduleCurve {
    epochLr = epochLr.clone();
    stepLr = stepLr.clone();
  }

  @Override
  public double[] epochLr() {
    return epochLr.clone();
  }

  @Override
  public double[] stepLr() {
    return stepLr.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScheduleCurve other
        && epochs == other.epochs
        && stepsPerEpoch == other.stepsPerEpoch
        && Arrays.equals(epochLr, other.epochLr)
        && Arrays.equals(stepLr, other.stepLr);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(epochLr) * 31 + Arrays.hashCode(stepLr);
  }

  @Override
  public String toString() {
    return "ScheduleCurve[epochs=" + epochs + ", stepsPerEpoch=" + stepsPerEpoch + "]";
  }
}
