package io.lrsched.schedule;

import java.util.List;

/**
 * Multi-step decay ({@code multi-step}, PyTorch MultiStepLR): {@code lr0 * gamma ^ n} where {@code n} is the
 * number of milestones {@code <= e} (Python's {@code bisect_right}), so the LR drops at the start of each
 * milestone epoch.
 *
 * @param initialLr lr0, {@code > 0}
 * @param milestones strictly increasing epoch indices {@code >= 1} at which the LR drops
 * @param gamma multiplier per milestone, {@code 0 < gamma <= 1}
 */
public record MultiStepSchedule(double initialLr, List<Integer> milestones, double gamma)
    implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;

  private static final Parameter<List<Integer>> MILESTONES = Parameter.increasingIntegers("milestones", 1);
  private static final Parameter<Double> GAMMA = Parameter.unitFactor("gamma");

  /** {@code multi-step}: PyTorch's MultiStepLR. */
  static final ScheduleType TYPE = new ScheduleType(
      "multi-step", (p, c) -> new MultiStepSchedule(c.initialLr(), p.get(MILESTONES), p.get(GAMMA)),
      MILESTONES, GAMMA);

  /** Copies the milestones (strictly increasing epochs >= 1, as the config package checks). */
  public MultiStepSchedule {
    milestones = List.copyOf(milestones);
  }

  @Override
  public double lr(int epoch, int step, int stepsPerEpoch) {
    LearningRateSchedule.checkEpoch(epoch);
    int passed = 0;
    for (int m : milestones) {
      if (m <= epoch) {
        passed++;
      }
    }
    return initialLr * Math.pow(gamma, passed);
  }

  @Override
  public String name() {
    return "multi-step";
  }

  @Override
  public boolean perStep() {
    return false;
  }

  @Override
  public String toString() {
    return Text.describe(name(), "lr0", initialLr, "milestones", milestones, "gamma", gamma);
  }
}
