package io.lrsched.schedule;

/**
 * Cosine annealing ({@code cosine}, PyTorch CosineAnnealingLR, closed form):
 * {@code etaMin + (lr0 - etaMin) * (1 + cos(pi * T_cur / T_max)) / 2}.
 *
 * <p>{@code T_cur} is the epoch, or with {@code perStep} the fractional epoch {@code t / stepsPerEpoch}
 * ({@code t} the global step), which equals stepping PyTorch's scheduler every batch with
 * {@code T_max = tMax * stepsPerEpoch}. As in PyTorch, past {@code T_max} the curve continues as a cosine
 * and rises again; {@code t-max = auto} (the training epochs) avoids that.
 *
 * @param initialLr lr0, the LR at {@code T_cur = 0}, {@code > 0}
 * @param etaMin the LR at {@code T_cur = T_max}, {@code 0 <= etaMin <= lr0}
 * @param tMax half period in epochs, {@code > 0}
 * @param perStep anneal every global step instead of every epoch
 */
public record CosineAnnealingSchedule(double initialLr, double etaMin, double tMax, boolean perStep)
    implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;

  private static final Parameter<Double> T_MAX =
      Parameter.number("t-max", d -> d > 0, "a number of epochs > 0").orAuto(p -> (double) p.epochs());
  private static final Parameter<Double> ETA_MIN = Parameter.upToLr0("eta-min");
  private static final Parameter<Boolean> PER_STEP = Parameter.flag("per-step");
  private static final Parameter<Boolean> WARM_RESTARTS = Parameter.flag("warm-restarts");
  private static final Parameter<Integer> T_0 = Parameter.integer("t-0", 1);
  private static final Parameter<Integer> T_MULT = Parameter.integer("t-mult", 1);

  /** {@code cosine}: this annealing, or with {@code warm-restarts} a {@link CosineWarmRestartsSchedule}. */
  static final ScheduleType TYPE = new ScheduleType(
      "cosine",
      (p, c) -> p.get(WARM_RESTARTS)
          ? new CosineWarmRestartsSchedule(c.initialLr(), p.get(ETA_MIN), p.get(T_0), p.get(T_MULT), p.get(PER_STEP))
          : new CosineAnnealingSchedule(c.initialLr(), p.get(ETA_MIN), p.get(T_MAX), p.get(PER_STEP)),
      T_MAX, ETA_MIN, PER_STEP, WARM_RESTARTS, T_0, T_MULT);

  @Override
  public double lr(int epoch, int step, int stepsPerEpoch) {
    double tCur =
        perStep
            ? LearningRateSchedule.globalStep(epoch, step, stepsPerEpoch) / (double) stepsPerEpoch
            : LearningRateSchedule.checkEpoch(epoch);
    return cosine(initialLr, etaMin, tCur, tMax);
  }

  /** {@code etaMin + (top - etaMin) * (1 + cos(pi * tCur / tMax)) / 2}, shared with the warm-restart variant. */
  static double cosine(double top, double etaMin, double tCur, double tMax) {
    return etaMin + (top - etaMin) * (1 + Math.cos(Math.PI * tCur / tMax)) / 2;
  }

  @Override
  public String name() {
    return "cosine";
  }

  @Override
  public String toString() {
    return Text.describe(name(), "lr0", initialLr, "eta-min", etaMin, "t-max", tMax, "per-step", perStep);
  }
}
