package io.lrsched.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The one place that turns configuration into a {@link LearningRateSchedule}. Parameters arrive as plain
 * maps (what typesafe-config's {@code unwrapped()} yields), so this package stays free of the config
 * library. Java holds no defaults: every parameter must be present (reference.conf defines them all) and
 * {@code auto} values resolve from the {@link ScheduleContext}. Every error is an
 * {@link IllegalArgumentException} whose one-line message names the full key (e.g.
 * {@code schedule.step.factor}), the value, and what is allowed.
 */
public final class ScheduleRegistry {
  /** The config path of the schedule block; keys in messages start with it. */
  public static final String ROOT = "schedule";

  /** Key of the wrapper block that adds a linear warmup to any schedule. */
  public static final String WARMUP = "warmup";

  /** Key of the wrapper block that applies the linear scaling rule. */
  public static final String LINEAR_SCALING = "linear-scaling";

  private record Entry(List<String> keys, BiFunction<Params, ScheduleContext, LearningRateSchedule> builder) {}

  private static final Map<String, Entry> ENTRIES = entries();

  private ScheduleRegistry() {}

  /** The registered schedule names, in documentation order. */
  public static List<String> names() {
    return List.copyOf(ENTRIES.keySet());
  }

  /** The parameter keys of schedule {@code name} (without prefix), e.g. {@code [factor, drop-every]}. */
  public static List<String> parameters(String name) {
    return entry(name).keys();
  }

  /**
   * Builds the schedule described by the whole {@code schedule} block: {@code type}, the sub-block named by
   * it, and the {@code warmup} and {@code linear-scaling} wrappers (applied in that order, warmup inside).
   *
   * @param scheduleBlock the unwrapped {@code schedule} block
   * @throws IllegalArgumentException for unknown keys or types, missing, ill-typed or out-of-range values
   */
  public static LearningRateSchedule fromConfig(Map<String, ?> scheduleBlock, ScheduleContext context) {
    Params root = new Params(ROOT, scheduleBlock);
    List<String> allowed = new ArrayList<>(List.of("type", WARMUP, LINEAR_SCALING));
    allowed.addAll(ENTRIES.keySet());
    root.allowOnly(allowed);
    String type = root.choice("type", ENTRIES.keySet().toArray(String[]::new));
    Object own = scheduleBlock.get(type);
    LearningRateSchedule schedule =
        own == null ? build(type, Map.of(), context) : buildFrom(type, root.block(type), context);
    schedule = withWarmup(schedule, root.block(WARMUP));
    return withLinearScaling(schedule, root.block(LINEAR_SCALING), context);
  }

  /**
   * Builds one schedule from its own parameters (the content of {@code schedule.<name>}), without wrappers.
   *
   * @throws IllegalArgumentException for an unknown name or a bad parameter
   */
  public static LearningRateSchedule build(String name, Map<String, ?> parameters, ScheduleContext context) {
    return buildFrom(name, new Params(ROOT + "." + name, parameters), context);
  }

  private static LearningRateSchedule buildFrom(String name, Params params, ScheduleContext context) {
    Entry entry = entry(name);
    params.allowOnly(entry.keys());
    try {
      return entry.builder().apply(params, context);
    } catch (IllegalArgumentException e) {
      // Cross-parameter checks inside constructors do not know the config path; add it unless present.
      String message = e.getMessage();
      throw message != null && message.startsWith(ROOT + ".")
          ? e
          : new IllegalArgumentException(ROOT + "." + name + ": " + message, e);
    }
  }

  private static Entry entry(String name) {
    Entry entry = ENTRIES.get(name);
    if (entry == null) {
      throw new IllegalArgumentException(
          ROOT
              + ".type = "
              + Params.show(name)
              + ": unknown schedule; allowed: "
              + String.join(", ", ENTRIES.keySet()));
    }
    return entry;
  }

  private static LearningRateSchedule withWarmup(LearningRateSchedule schedule, Params p) {
    p.allowOnly(Set.of("epochs", "steps", "start-factor"));
    long epochs = p.integer("epochs", 0);
    long steps = p.integer("steps", 0);
    double startFactor = p.number("start-factor", v -> v > 0 && v <= 1, "a number in (0, 1]");
    if (epochs > 0 && steps > 0) {
      throw new IllegalArgumentException(
          p.key("epochs") + " = " + epochs + " and " + p.key("steps") + " = " + steps + ": set at most one above 0");
    }
    if (epochs == 0 && steps == 0) {
      return schedule;
    }
    return epochs > 0
        ? new WarmupSchedule(schedule, epochs, ScheduleUnit.EPOCHS, startFactor)
        : new WarmupSchedule(schedule, steps, ScheduleUnit.STEPS, startFactor);
  }

  private static LearningRateSchedule withLinearScaling(
      LearningRateSchedule schedule, Params p, ScheduleContext context) {
    p.allowOnly(Set.of("enabled", "warmup-epochs"));
    boolean enabled = p.bool("enabled");
    int warmupEpochs = p.intValue("warmup-epochs", 0);
    return enabled ? new LinearScalingSchedule(schedule, context.workers(), warmupEpochs) : schedule;
  }

  private static Map<String, Entry> entries() {
    Map<String, Entry> m = new LinkedHashMap<>();
    m.put("none", new Entry(List.of(), (p, c) -> new ConstantSchedule(c.initialLr())));
    m.put(
        "standard",
        new Entry(
            List.of("decay"),
            (p, c) ->
                new TimeBasedDecaySchedule(
                    c.initialLr(),
                    p.numberOrAuto("decay", c.initialLr() / c.epochs(), v -> v >= 0, "a number >= 0 (per step)"))));
    m.put("step", new Entry(List.of("factor", "drop-every"), (p, c) -> stepDecay(p, c, false)));
    m.put("step-aligned", new Entry(List.of("factor", "drop-every"), (p, c) -> stepDecay(p, c, true)));
    m.put(
        "linear",
        new Entry(
            List.of("max-epochs"),
            (p, c) -> PolynomialDecaySchedule.linear(c.initialLr(), p.intOrAuto("max-epochs", c.epochs(), 1))));
    m.put(
        "poly",
        new Entry(
            List.of("max-epochs", "power"),
            (p, c) ->
                PolynomialDecaySchedule.poly(
                    c.initialLr(),
                    p.intOrAuto("max-epochs", c.epochs(), 1),
                    p.number("power", v -> v > 0, "a number > 0"))));
    m.put(
        "exponential",
        new Entry(
            List.of("gamma", "per-step"),
            (p, c) -> new ExponentialDecaySchedule(c.initialLr(), factor(p, "gamma"), p.bool("per-step"))));
    m.put(
        "multi-step",
        new Entry(
            List.of("milestones", "gamma"),
            (p, c) -> {
              List<Long> milestones = increasing(p, "milestones", 1);
              return new MultiStepSchedule(
                  c.initialLr(), milestones.stream().map(Long::intValue).toList(), factor(p, "gamma"));
            }));
    m.put("piecewise", new Entry(List.of("unit", "boundaries", "values"), ScheduleRegistry::piecewise));
    m.put(
        "cosine",
        new Entry(
            List.of("t-max", "eta-min", "per-step", "warm-restarts", "t-0", "t-mult"),
            ScheduleRegistry::cosine));
    m.put(
        "cyclical",
        new Entry(
            List.of("mode", "base-lr", "max-lr", "step-size", "step-size-unit", "gamma"),
            ScheduleRegistry::cyclical));
    m.put(
        "one-cycle",
        new Entry(
            List.of("max-lr", "pct-start", "div-factor", "final-div-factor", "anneal", "three-phase"),
            ScheduleRegistry::oneCycle));
    m.put(
        "plateau",
        new Entry(
            List.of(
                "monitor", "mode", "factor", "patience", "threshold", "threshold-mode", "cooldown", "min-lr", "eps"),
            ScheduleRegistry::plateau));
    return m;
  }

  private static double factor(Params p, String name) {
    return p.number(name, v -> v > 0 && v <= 1, "a number in (0, 1]");
  }

  private static LearningRateSchedule stepDecay(Params p, ScheduleContext c, boolean aligned) {
    return new StepDecaySchedule(
        c.initialLr(), factor(p, "factor"), p.intValue("drop-every", 1), aligned);
  }

  private static List<Long> increasing(Params p, String name, long min) {
    List<Long> values = p.integers(name, min);
    for (int i = 1; i < values.size(); i++) {
      if (values.get(i) <= values.get(i - 1)) {
        throw new IllegalArgumentException(
            p.key(name) + " = " + values + ": must be strictly increasing integers >= " + min);
      }
    }
    return values;
  }

  private static LearningRateSchedule piecewise(Params p, ScheduleContext c) {
    ScheduleUnit unit = unit(p, "unit");
    List<Long> boundaries = increasing(p, "boundaries", 0);
    List<Double> values = p.numbers("values", v -> v >= 0, "numbers >= 0");
    if (values.size() != boundaries.size() + 1) {
      throw new IllegalArgumentException(
          p.key("values")
              + " = "
              + values
              + ": must hold one more value than "
              + p.key("boundaries")
              + " ("
              + (boundaries.size() + 1)
              + ")");
    }
    return new PiecewiseConstantSchedule(unit, boundaries, values);
  }

  private static ScheduleUnit unit(Params p, String name) {
    return p.choice(name, "epochs", "steps").equals("epochs") ? ScheduleUnit.EPOCHS : ScheduleUnit.STEPS;
  }

  private static LearningRateSchedule cosine(Params p, ScheduleContext c) {
    double lr0 = c.initialLr();
    double etaMin = p.number("eta-min", v -> v >= 0 && v <= lr0, "a number in [0, lr0 = " + lr0 + "]");
    boolean perStep = p.bool("per-step");
    // Read every key, used or not, so a typo in the unused branch still fails at startup.
    double tMax = p.numberOrAuto("t-max", c.epochs(), v -> v > 0, "a number of epochs > 0");
    int t0 = p.intValue("t-0", 1);
    int tMult = p.intValue("t-mult", 1);
    return p.bool("warm-restarts")
        ? new CosineWarmRestartsSchedule(lr0, etaMin, t0, tMult, perStep)
        : new CosineAnnealingSchedule(lr0, etaMin, tMax, perStep);
  }

  private static LearningRateSchedule cyclical(Params p, ScheduleContext c) {
    String mode = p.choice("mode", "triangular", "triangular2", "exp-range");
    double baseLr = p.number("base-lr", v -> v > 0, "a number > 0");
    double maxLr =
        p.numberOrAuto("max-lr", c.initialLr(), v -> v > baseLr, "a number > base-lr (" + baseLr + ")");
    double stepSize = p.number("step-size", v -> v > 0, "a number > 0");
    ScheduleUnit unit = unit(p, "step-size-unit");
    double gamma = factor(p, "gamma");
    CyclicalSchedule.Mode m =
        switch (mode) {
          case "triangular" -> CyclicalSchedule.Mode.TRIANGULAR;
          case "triangular2" -> CyclicalSchedule.Mode.TRIANGULAR2;
          default -> CyclicalSchedule.Mode.EXP_RANGE;
        };
    return new CyclicalSchedule(baseLr, maxLr, stepSize, unit, m, gamma);
  }

  private static LearningRateSchedule oneCycle(Params p, ScheduleContext c) {
    double maxLr = p.numberOrAuto("max-lr", c.initialLr(), v -> v > 0, "a number > 0");
    boolean threePhase = p.bool("three-phase");
    double pctMax = threePhase ? 0.5 : 1.0;
    double pctStart =
        p.number(
            "pct-start",
            v -> v >= 0 && v <= pctMax,
            "a number in [0, " + pctMax + "]" + (threePhase ? " with three-phase = true" : ""));
    double divFactor = p.number("div-factor", v -> v > 0, "a number > 0");
    double finalDivFactor = p.number("final-div-factor", v -> v > 0, "a number > 0");
    OneCycleSchedule.Anneal anneal =
        p.choice("anneal", "cos", "linear").equals("cos")
            ? OneCycleSchedule.Anneal.COS
            : OneCycleSchedule.Anneal.LINEAR;
    return new OneCycleSchedule(maxLr, c.epochs(), pctStart, divFactor, finalDivFactor, anneal, threePhase);
  }

  private static LearningRateSchedule plateau(Params p, ScheduleContext c) {
    double lr0 = c.initialLr();
    String monitor = p.choice("monitor", "val-loss", "val-accuracy", "train-loss", "train-accuracy");
    PlateauPolicy.Mode mode =
        p.choice("mode", "min", "max").equals("min") ? PlateauPolicy.Mode.MIN : PlateauPolicy.Mode.MAX;
    double factor = p.number("factor", v -> v > 0 && v < 1, "a number in (0, 1)");
    int patience = p.intValue("patience", 0);
    double threshold = p.number("threshold", v -> v >= 0, "a number >= 0");
    PlateauPolicy.ThresholdMode thresholdMode =
        p.choice("threshold-mode", "rel", "abs").equals("rel")
            ? PlateauPolicy.ThresholdMode.REL
            : PlateauPolicy.ThresholdMode.ABS;
    int cooldown = p.intValue("cooldown", 0);
    double minLr = p.number("min-lr", v -> v >= 0 && v <= lr0, "a number in [0, lr0 = " + lr0 + "]");
    double eps = p.number("eps", v -> v >= 0, "a number >= 0");
    return PlateauSchedule.start(
        new PlateauPolicy(lr0, monitor, mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps));
  }
}
