package io.lrsched.schedule;

import java.util.Locale;

/**
 * Cyclical learning rates ({@code cyclical}; Smith 2017, "Cyclical Learning Rates for Training Neural
 * Networks"; PyTorch CyclicLR with equal up and down half cycles). The LR moves linearly between
 * {@code baseLr} and {@code maxLr} every global step; one half cycle lasts {@code stepSize} steps or epochs.
 * With {@code t} the global step and {@code total = 2 * halfCycleSteps}:
 *
 * <pre>
 * cycle = floor(1 + t / total);  x = 1 + t / total - cycle
 * scale = x &lt;= 0.5 ? x / 0.5 : (x - 1) / (0.5 - 1)
 * lr    = baseLr + (maxLr - baseLr) * scale * f
 * </pre>
 *
 * where {@code f} is 1 ({@code triangular}), {@code 1 / 2^(cycle - 1)} ({@code triangular2}: the amplitude
 * halves every cycle) or {@code gamma^t} ({@code exp-range}: it decays every step).
 *
 * @param baseLr lower bound, {@code > 0}
 * @param maxLr upper bound, {@code > baseLr}
 * @param stepSize length of a half cycle in {@code stepSizeUnit}, {@code > 0}
 * @param stepSizeUnit what {@code stepSize} counts
 * @param mode amplitude policy
 * @param gamma decay per global step for {@code exp-range}, {@code 0 < gamma <= 1} (ignored otherwise)
 */
public record CyclicalSchedule(
    double baseLr, double maxLr, double stepSize, ScheduleUnit stepSizeUnit, Mode mode, double gamma)
    implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;

  private static final Parameter<String> MODE = Parameter.choice("mode", "triangular", "triangular2", "exp-range");
  private static final Parameter<Double> BASE_LR =
      Parameter.number("base-lr", d -> d > 0, "a number > 0")
          // with max-lr = auto the user set base-lr, not max-lr: the message names base-lr
          .and((d, p) -> !p.isAuto(CyclicalSchedule.MAX_LR) || Double.isNaN(p.lr0()) || d < p.lr0(),
              p -> "a number below max-lr = auto = lr0 = " + p.lr0());
  private static final Parameter<Double> MAX_LR =
      Parameter.number("max-lr", d -> true, "a number > base-lr")
          .and((d, p) -> p.isAuto(CyclicalSchedule.MAX_LR) || !p.known(BASE_LR) || d > p.get(BASE_LR),
              p -> "a number > base-lr (" + (p.known(BASE_LR) ? p.get(BASE_LR) : "?") + ")")
          .orAuto(ScheduleParameters::lr0);
  private static final Parameter<Double> STEP_SIZE = Parameter.number("step-size", d -> d > 0, "a number > 0");
  private static final Parameter<String> STEP_SIZE_UNIT = Parameter.unit("step-size-unit");
  private static final Parameter<Double> GAMMA = Parameter.unitFactor("gamma");

  /** {@code cyclical}: Smith's cyclical LR (PyTorch CyclicLR). */
  static final ScheduleType TYPE = new ScheduleType(
      "cyclical",
      (p, c) -> new CyclicalSchedule(p.get(BASE_LR), p.get(MAX_LR), p.get(STEP_SIZE),
          Parameter.option(ScheduleUnit.class, p.get(STEP_SIZE_UNIT)), Parameter.option(Mode.class, p.get(MODE)),
          p.get(GAMMA)),
      MODE, BASE_LR, MAX_LR, STEP_SIZE, STEP_SIZE_UNIT, GAMMA);

  /** Smith's three amplitude policies. */
  public enum Mode {
    /** Constant amplitude. */
    TRIANGULAR,
    /** Amplitude halves after each cycle. */
    TRIANGULAR2,
    /** Amplitude scaled by {@code gamma^t}. */
    EXP_RANGE;

    /** The config spelling: {@code triangular}, {@code triangular2}, {@code exp-range}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Parameter ranges are checked by the config package; this guards only against missing enums. */
  public CyclicalSchedule {
    if (stepSizeUnit == null || mode == null) {
      throw new IllegalArgumentException("stepSizeUnit and mode must be given");
    }
  }

  @Override
  public double lr(int epoch, int step, int stepsPerEpoch) {
    long t = LearningRateSchedule.globalStep(epoch, step, stepsPerEpoch);
    double halfCycle = stepSizeUnit == ScheduleUnit.EPOCHS ? stepSize * stepsPerEpoch : stepSize;
    double total = 2 * halfCycle;
    double cycle = Math.floor(1 + t / total);
    double x = 1 + t / total - cycle;
    double scale = x <= 0.5 ? x / 0.5 : (x - 1) / (0.5 - 1);
    double amplitude =
        switch (mode) {
          case TRIANGULAR -> 1.0;
          case TRIANGULAR2 -> 1 / Math.pow(2, cycle - 1);
          case EXP_RANGE -> Math.pow(gamma, t);
        };
    return baseLr + (maxLr - baseLr) * scale * amplitude;
  }

  @Override
  public String name() {
    return "cyclical";
  }

  @Override
  public boolean perStep() {
    return true;
  }

  @Override
  public String toString() {
    return Text.describe(
        name(),
        "mode", mode.key(),
        "base-lr", baseLr,
        "max-lr", maxLr,
        "step-size", stepSize,
        "step-size-unit", stepSizeUnit.key(),
        "gamma", gamma);
  }
}
