package io.lrsched.schedule;

/**
 * Polynomial decay to zero over {@code maxEpochs}: {@code lr0 * (1 - e / maxEpochs) ^ power}, evaluated
 * once per epoch as in the tutorial. The tutorial's {@code linear} is power 1, its {@code poly} power 5.
 * Epochs at or beyond {@code maxEpochs} get 0 (the base is clamped at 0 rather than going negative).
 *
 * @param name {@code linear} or {@code poly}, the registry name it was built under
 * @param initialLr lr0, {@code > 0}
 * @param maxEpochs epochs until the LR reaches 0, {@code >= 1} (the tutorial: the training epochs)
 * @param power exponent, {@code > 0}
 */
public record PolynomialDecaySchedule(String name, double initialLr, int maxEpochs, double power)
    implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;

  private static final Parameter<Integer> MAX_EPOCHS = Parameter.epochsOrAuto("max-epochs");
  private static final Parameter<Double> POWER = Parameter.number("power", d -> d > 0, "a number > 0");

  /** {@code linear}: power 1. */
  static final ScheduleType LINEAR =
      new ScheduleType("linear", (p, c) -> linear(c.initialLr(), p.get(MAX_EPOCHS)), MAX_EPOCHS);

  /** {@code poly}: any power. */
  static final ScheduleType POLY =
      new ScheduleType("poly", (p, c) -> poly(c.initialLr(), p.get(MAX_EPOCHS), p.get(POWER)), MAX_EPOCHS, POWER);

  /** Guards against missing parts; parameter ranges are checked by the config package. */
  public PolynomialDecaySchedule {
    if (!"linear".equals(name) && !"poly".equals(name)) {
      throw new IllegalArgumentException("name must be linear or poly; got " + name);
    }
  }

  /** The tutorial's {@code linear}: power 1. */
  public static PolynomialDecaySchedule linear(double initialLr, int maxEpochs) {
    return new PolynomialDecaySchedule("linear", initialLr, maxEpochs, 1.0);
  }

  /** The tutorial's {@code poly} with the given power (5 in the tutorial). */
  public static PolynomialDecaySchedule poly(double initialLr, int maxEpochs, double power) {
    return new PolynomialDecaySchedule("poly", initialLr, maxEpochs, power);
  }

  @Override
  public double lr(int epoch, int step, int stepsPerEpoch) {
    LearningRateSchedule.checkEpoch(epoch);
    double base = Math.max(0.0, 1.0 - epoch / (double) maxEpochs);
    return initialLr * Math.pow(base, power);
  }

  @Override
  public boolean perStep() {
    return false;
  }

  @Override
  public String toString() {
    return Text.describe(name, "lr0", initialLr, "max-epochs", maxEpochs, "power", power);
  }
}
