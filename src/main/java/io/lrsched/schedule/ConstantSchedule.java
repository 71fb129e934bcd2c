package io.lrsched.schedule;

/**
 * No schedule ({@code none}): the initial LR throughout, the tutorial's baseline.
 *
 * @param initialLr the LR of every step, {@code > 0}
 */
public record ConstantSchedule(double initialLr) implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;

  /** {@code none}: lr0 on every step, no parameters. */
  static final ScheduleType TYPE = new ScheduleType("none", (p, c) -> new ConstantSchedule(c.initialLr()));

  @Override
  public double lr(int epoch, int step, int stepsPerEpoch) {
    LearningRateSchedule.checkEpoch(epoch);
    return initialLr;
  }

  @Override
  public String name() {
    return "none";
  }

  @Override
  public boolean perStep() {
    return false;
  }

  @Override
  public String toString() {
    return Text.describe(name(), "lr0", initialLr);
  }
}
