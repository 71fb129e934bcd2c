package io.lrsched.schedule;

/**
 * Keras' time-based decay ({@code standard}), the legacy optimizer argument {@code decay}:
 * {@code lr0 / (1 + decay * t)} where {@code t} is the number of global optimizer steps taken before this
 * step ({@link LearningRateSchedule#globalStep}). It changes every step, not every epoch: with lr0 = 0.1,
 * decay = 0.001 and 391 steps per epoch, the first step of epoch 1 uses {@code 0.1 / 1.391}.
 *
 * @param initialLr lr0, {@code > 0}
 * @param decay decay per global step, {@code >= 0} (the tutorial: lr0 / epochs = 0.001)
 */
public record TimeBasedDecaySchedule(double initialLr, double decay) implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;

  private static final Parameter<Double> DECAY =
      Parameter.number("decay", d -> d >= 0, "a number >= 0 (per step)").orAuto(p -> p.lr0() / p.epochs());

  /** {@code standard}: decay per global step, {@code auto} = lr0 / training epochs. */
  static final ScheduleType TYPE =
      new ScheduleType("standard", (p, c) -> new TimeBasedDecaySchedule(c.initialLr(), p.get(DECAY)), DECAY);

  @Override
  public double lr(int epoch, int step, int stepsPerEpoch) {
    long t = LearningRateSchedule.globalStep(epoch, step, stepsPerEpoch);
    return initialLr / (1.0 + decay * t);
  }

  @Override
  public String name() {
    return "standard";
  }

  @Override
  public boolean perStep() {
    return decay > 0;
  }

  @Override
  public String toString() {
    return Text.describe(name(), "lr0", initialLr, "decay", decay);
  }
}
