package io.lrsched.schedule;

import java.util.Locale;

/**
 * The one-cycle policy ({@code one-cycle}; Smith and Topin 2018; PyTorch OneCycleLR, LR only: momentum
 * cycling is not part of an LR schedule). Over {@code totalSteps = totalEpochs * stepsPerEpoch} global
 * steps the LR rises from {@code initialLr = maxLr / divFactor} to {@code maxLr}, then anneals to
 * {@code minLr = initialLr / finalDivFactor}. Phase ends are computed exactly as PyTorch does:
 *
 * <ul>
 *   <li>two phases: {@code pctStart * totalSteps - 1} (initial to max), {@code totalSteps - 1} (max to min);
 *   <li>three phases: {@code pctStart * totalSteps - 1} (initial to max), {@code 2 * pctStart * totalSteps -
 *       2} (max to initial), {@code totalSteps - 1} (initial to min).
 * </ul>
 *
 * In a phase from {@code start} to {@code end} ending at step {@code e} and starting where the previous
 * phase ended ({@code s}, 0 for the first), {@code pct = (t - s) / (e - s)}; {@code cos} annealing gives
 * {@code end + (start - end) / 2 * (cos(pi * pct) + 1)}, {@code linear} gives {@code start + (end - start) *
 * pct}. Steps past the last ({@code t >= totalSteps}, where PyTorch raises) keep the final value; an empty
 * phase (PyTorch divides by zero) counts as finished.
 *
 * @param maxLr peak LR, {@code > 0}
 * @param totalEpochs training epochs the cycle spans, {@code >= 1}
 * @param pctStart fraction of the steps spent rising, {@code 0 <= pctStart <= 1} (three-phase: {@code <= 0.5})
 * @param divFactor {@code maxLr / initialLr}, {@code > 0}
 * @param finalDivFactor {@code initialLr / minLr}, {@code > 0}
 * @param anneal annealing shape
 * @param threePhase use PyTorch's three-phase variant
 */
public record OneCycleSchedule(
    double maxLr,
    int totalEpochs,
    double pctStart,
    double divFactor,
    double finalDivFactor,
    Anneal anneal,
    boolean threePhase)
    implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;

  private static final Parameter<Double> MAX_LR =
      Parameter.number("max-lr", d -> d > 0, "a number > 0").orAuto(ScheduleParameters::lr0);
  private static final Parameter<Double> PCT_START =
      Parameter.number("pct-start", d -> true, "a number in [0, 1]")
          .and((d, p) -> d >= 0 && d <= pctMax(p), p -> "a number in [0, " + pctMax(p) + "]"
              + (threePhase(p) ? " with three-phase = true" : ""));
  private static final Parameter<Double> DIV_FACTOR = Parameter.number("div-factor", d -> d > 0, "a number > 0");
  private static final Parameter<Double> FINAL_DIV_FACTOR =
      Parameter.number("final-div-factor", d -> d > 0, "a number > 0");
  private static final Parameter<String> ANNEAL = Parameter.choice("anneal", "cos", "linear");
  private static final Parameter<Boolean> THREE_PHASE = Parameter.flag("three-phase");

  /** {@code one-cycle}: PyTorch's OneCycleLR over the training epochs. */
  static final ScheduleType TYPE = new ScheduleType(
      "one-cycle",
      (p, c) -> new OneCycleSchedule(p.get(MAX_LR), c.epochs(), p.get(PCT_START), p.get(DIV_FACTOR),
          p.get(FINAL_DIV_FACTOR), Parameter.option(Anneal.class, p.get(ANNEAL)), p.get(THREE_PHASE)),
      MAX_LR, PCT_START, DIV_FACTOR, FINAL_DIV_FACTOR, ANNEAL, THREE_PHASE);

  private static boolean threePhase(ScheduleParameters p) {
    return p.known(THREE_PHASE) && p.get(THREE_PHASE);
  }

  private static double pctMax(ScheduleParameters p) {
    return threePhase(p) ? 0.5 : 1.0;
  }

  /** Annealing shape within a phase. */
  public enum Anneal {
    /** Cosine: {@code end + (start - end) / 2 * (cos(pi * pct) + 1)}. */
    COS,
    /** Linear: {@code start + (end - start) * pct}. */
    LINEAR;

    /** The config spelling: {@code cos} or {@code linear}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    double apply(double start, double end, double pct) {
      return this == COS
          ? end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1)
          : (end - start) * pct + start;
    }
  }

  /** Guards against missing parts; parameter ranges are checked by the config package. */
  public OneCycleSchedule {
    if (anneal == null) {
      throw new IllegalArgumentException("anneal must be cos or linear");
    }
  }

  /** The LR at step 0: {@code maxLr / divFactor}. */
  public double initialLr() {
    return maxLr / divFactor;
  }

  /** The LR at the last step: {@code initialLr / finalDivFactor}. */
  public double minLr() {
    return initialLr() / finalDivFactor;
  }

  @Override
  public double lr(int epoch, int step, int stepsPerEpoch) {
    long totalSteps = (long) totalEpochs * stepsPerEpoch;
    long t = Math.min(LearningRateSchedule.globalStep(epoch, step, stepsPerEpoch), totalSteps - 1);
    double initial = initialLr();
    double[] ends;
    double[] starts;
    double[] targets;
    if (threePhase) {
      ends = new double[] {pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2, totalSteps - 1};
      starts = new double[] {initial, maxLr, initial};
      targets = new double[] {maxLr, initial, minLr()};
    } else {
      ends = new double[] {pctStart * totalSteps - 1, totalSteps - 1};
      starts = new double[] {initial, maxLr};
      targets = new double[] {maxLr, minLr()};
    }
    double phaseStart = 0;
    for (int i = 0; i < ends.length; i++) {
      if (t <= ends[i] || i == ends.length - 1) {
        double length = ends[i] - phaseStart;
        double pct = length > 0 ? (t - phaseStart) / length : 1.0;
        return anneal.apply(starts[i], targets[i], pct);
      }
      phaseStart = ends[i];
    }
    throw new AssertionError("the last phase always answers");
  }

  @Override
  public String name() {
    return "one-cycle";
  }

  @Override
  public boolean perStep() {
    return true;
  }

  @Override
  public String toString() {
    return Text.describe(
        name(),
        "max-lr", maxLr,
        "epochs", totalEpochs,
        "pct-start", pctStart,
        "div-factor", divFactor,
        "final-div-factor", finalDivFactor,
        "anneal", anneal.key(),
        "three-phase", threePhase);
  }
}
