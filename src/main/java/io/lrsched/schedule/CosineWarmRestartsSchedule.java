package io.lrsched.schedule;

/**
 * Cosine annealing with warm restarts ({@code cosine} with {@code warm-restarts = true}; SGDR, Loshchilov and
 * Hutter 2017; PyTorch CosineAnnealingWarmRestarts): within cycle {@code i} of length
 * {@code T_i = t0 * tMult^i} epochs the LR is {@code etaMin + (lr0 - etaMin) * (1 + cos(pi * T_cur / T_i)) / 2},
 * and it jumps back to lr0 when a cycle ends.
 *
 * <p>The position is the epoch, or with {@code perStep} the fractional epoch {@code t / stepsPerEpoch}, as in
 * PyTorch's documented {@code scheduler.step(epoch + i / iters)}. The cycle index is found by exact
 * summation rather than PyTorch's {@code math.log}, which can round a cycle boundary into the previous cycle.
 *
 * @param initialLr lr0, the LR at the start of every cycle, {@code > 0}
 * @param etaMin the floor, {@code 0 <= etaMin <= lr0}
 * @param t0 epochs in the first cycle, {@code >= 1}
 * @param tMult growth factor of the cycle length, {@code >= 1}
 * @param perStep anneal every global step instead of every epoch
 */
public record CosineWarmRestartsSchedule(double initialLr, double etaMin, int t0, int tMult, boolean perStep)
    implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;


  @Override
  public double lr(int epoch, int step, int stepsPerEpoch) {
    double x =
        perStep
            ? LearningRateSchedule.globalStep(epoch, step, stepsPerEpoch) / (double) stepsPerEpoch
            : LearningRateSchedule.checkEpoch(epoch);
    double cycleStart = 0;
    double cycleLength = t0;
    while (x >= cycleStart + cycleLength) {
      cycleStart += cycleLength;
      cycleLength *= tMult;
    }
    return CosineAnnealingSchedule.cosine(initialLr, etaMin, x - cycleStart, cycleLength);
  }

  @Override
  public String name() {
    return "cosine";
  }

  @Override
  public String toString() {
    return Text.describe(
        name(),
        "lr0", initialLr,
        "eta-min", etaMin,
        "warm-restarts", true,
        "t-0", t0,
        "t-mult", tMult,
        "per-step", perStep);
  }
}
