package io.lrsched.schedule;

/**
 * Step-based decay: the LR is multiplied by {@code factor} every {@code dropEvery} epochs.
 *
 * <ul>
 *   <li>{@code step} (the tutorial's formula, reproduced as written): {@code lr0 * factor ^ floor((1 + e) /
 *       dropEvery)}. The {@code 1 +} makes the first drop happen at e = dropEvery - 1 (e = 14 for
 *       dropEvery 15, the 15th epoch).
 *   <li>{@code step-aligned}: {@code lr0 * factor ^ floor(e / dropEvery)}, first drop at e = dropEvery, as
 *       PyTorch's StepLR and DL4J's StepSchedule do.
 * </ul>
 *
 * @param initialLr lr0, {@code > 0}
 * @param factor multiplier per drop, {@code 0 < factor <= 1}
 * @param dropEvery epochs between drops, {@code >= 1}
 * @param aligned {@code true} for {@code step-aligned}, {@code false} for the tutorial's {@code step}
 */
public record StepDecaySchedule(double initialLr, double factor, int dropEvery, boolean aligned)
    implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;

  private static final Parameter<Double> FACTOR = Parameter.unitFactor("factor");
  private static final Parameter<Integer> DROP_EVERY = Parameter.integer("drop-every", 1);

  /** {@code step}: the tutorial's formula. */
  static final ScheduleType STEP = new ScheduleType(
      "step", (p, c) -> new StepDecaySchedule(c.initialLr(), p.get(FACTOR), p.get(DROP_EVERY), false),
      FACTOR, DROP_EVERY);

  /** {@code step-aligned}: PyTorch's StepLR. */
  static final ScheduleType ALIGNED = new ScheduleType(
      "step-aligned", (p, c) -> new StepDecaySchedule(c.initialLr(), p.get(FACTOR), p.get(DROP_EVERY), true),
      FACTOR, DROP_EVERY);

  @Override
  public double lr(int epoch, int step, int stepsPerEpoch) {
    LearningRateSchedule.checkEpoch(epoch);
    int drops = (aligned ? epoch : 1 + epoch) / dropEvery;
    return initialLr * Math.pow(factor, drops);
  }

  @Override
  public String name() {
    return aligned ? "step-aligned" : "step";
  }

  @Override
  public boolean perStep() {
    return false;
  }

  @Override
  public String toString() {
    return Text.describe(name(), "lr0", initialLr, "factor", factor, "drop-every", dropEvery);
  }
}
