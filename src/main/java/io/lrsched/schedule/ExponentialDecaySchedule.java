package io.lrsched.schedule;

/**
 * Exponential decay ({@code exponential}, PyTorch ExponentialLR): {@code lr0 * gamma ^ e} once per epoch, or
 * {@code lr0 * gamma ^ t} per global step when {@code perStep} is set (gamma then is the factor per step).
 *
 * @param initialLr lr0, {@code > 0}
 * @param gamma multiplier per epoch (or per step), {@code 0 < gamma <= 1}
 * @param perStep decay every global step instead of every epoch
 */
public record ExponentialDecaySchedule(double initialLr, double gamma, boolean perStep)
    implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;

  private static final Parameter<Double> GAMMA = Parameter.unitFactor("gamma");
  private static final Parameter<Boolean> PER_STEP = Parameter.flag("per-step");

  /** {@code exponential}: PyTorch's ExponentialLR, per epoch or per step. */
  static final ScheduleType TYPE = new ScheduleType(
      "exponential", (p, c) -> new ExponentialDecaySchedule(c.initialLr(), p.get(GAMMA), p.get(PER_STEP)),
      GAMMA, PER_STEP);

  @Override
  public double lr(int epoch, int step, int stepsPerEpoch) {
    double exponent =
        perStep
            ? LearningRateSchedule.globalStep(epoch, step, stepsPerEpoch)
            : LearningRateSchedule.checkEpoch(epoch);
    return initialLr * Math.pow(gamma, exponent);
  }

  @Override
  public String name() {
    return "exponential";
  }

  @Override
  public String toString() {
    return Text.describe(name(), "lr0", initialLr, "gamma", gamma, "per-step", perStep);
  }
}
