package io.lrsched.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The one place that turns a configured schedule into a {@link LearningRateSchedule}: the name chooses the builder,
 * which receives the type's parameters already validated by the config package, with {@code auto} resolved (plain
 * values, so this package stays free of the config library): {@link Double}, {@link Integer}, {@link Boolean},
 * {@link String} or a {@link List} of {@link Integer} or {@link Double}, under the keys of
 * {@code schedule.<name>} in reference.conf.
 */
public final class ScheduleRegistry {
  private static final Map<String, BiFunction<Map<String, ?>, ScheduleContext, LearningRateSchedule>> BUILDERS =
      builders();

  private ScheduleRegistry() {}

  /** The registered schedule names, in documentation order. */
  public static List<String> names() {
    return List.copyOf(BUILDERS.keySet());
  }

  /**
   * Builds one schedule from its validated parameters, without wrappers.
   *
   * @param name a registered name
   * @param parameters the content of {@code schedule.<name>}, validated and typed
   * @param context what the schedule needs from the rest of the configuration
   * @throws IllegalArgumentException for an unknown name
   */
  public static LearningRateSchedule build(String name, Map<String, ?> parameters, ScheduleContext context) {
    var builder = BUILDERS.get(name);
    if (builder == null) {
      throw new IllegalArgumentException("unknown schedule '" + name + "'; registered: " + names());
    }
    return builder.apply(parameters, context);
  }

  /**
   * A linear warmup in front of {@code schedule}, or the schedule itself while both lengths are 0.
   *
   * @param epochs warmup length in epochs (at most one of epochs and steps above 0)
   * @param steps warmup length in global steps
   * @param startFactor the factor at the start, in (0, 1]
   */
  public static LearningRateSchedule withWarmup(
      LearningRateSchedule schedule, int epochs, int steps, double startFactor) {
    if (epochs > 0) {
      return new WarmupSchedule(schedule, epochs, ScheduleUnit.EPOCHS, startFactor);
    }
    return steps > 0 ? new WarmupSchedule(schedule, steps, ScheduleUnit.STEPS, startFactor) : schedule;
  }

  /** The linear scaling rule over {@code context.workers()} workers, or the schedule itself when not enabled. */
  public static LearningRateSchedule withLinearScaling(
      LearningRateSchedule schedule, boolean enabled, int warmupEpochs, ScheduleContext context) {
    return enabled ? new LinearScalingSchedule(schedule, context.workers(), warmupEpochs) : schedule;
  }

  private static double number(Map<String, ?> p, String key) {
    return ((Number) p.get(key)).doubleValue();
  }

  private static int integer(Map<String, ?> p, String key) {
    return ((Number) p.get(key)).intValue();
  }

  private static boolean flag(Map<String, ?> p, String key) {
    return (Boolean) p.get(key);
  }

  private static String text(Map<String, ?> p, String key) {
    return (String) p.get(key);
  }

  private static List<Long> longs(Map<String, ?> p, String key) {
    List<Long> out = new ArrayList<>();
    ((List<?>) p.get(key)).forEach(n -> out.add(((Number) n).longValue()));
    return out;
  }

  private static List<Double> numbers(Map<String, ?> p, String key) {
    List<Double> out = new ArrayList<>();
    ((List<?>) p.get(key)).forEach(n -> out.add(((Number) n).doubleValue()));
    return out;
  }

  private static ScheduleUnit unit(Map<String, ?> p, String key) {
    return text(p, key).equals("epochs") ? ScheduleUnit.EPOCHS : ScheduleUnit.STEPS;
  }

  private static Map<String, BiFunction<Map<String, ?>, ScheduleContext, LearningRateSchedule>> builders() {
    Map<String, BiFunction<Map<String, ?>, ScheduleContext, LearningRateSchedule>> m = new LinkedHashMap<>();
    m.put("none", (p, c) -> new ConstantSchedule(c.initialLr()));
    m.put("standard", (p, c) -> new TimeBasedDecaySchedule(c.initialLr(), number(p, "decay")));
    m.put("step", (p, c) ->
        new StepDecaySchedule(c.initialLr(), number(p, "factor"), integer(p, "drop-every"), false));
    m.put("step-aligned", (p, c) ->
        new StepDecaySchedule(c.initialLr(), number(p, "factor"), integer(p, "drop-every"), true));
    m.put("linear", (p, c) -> PolynomialDecaySchedule.linear(c.initialLr(), integer(p, "max-epochs")));
    m.put("poly", (p, c) ->
        PolynomialDecaySchedule.poly(c.initialLr(), integer(p, "max-epochs"), number(p, "power")));
    m.put("exponential", (p, c) ->
        new ExponentialDecaySchedule(c.initialLr(), number(p, "gamma"), flag(p, "per-step")));
    m.put("multi-step", (p, c) ->
        new MultiStepSchedule(
            c.initialLr(), longs(p, "milestones").stream().map(Long::intValue).toList(), number(p, "gamma")));
    m.put("piecewise", (p, c) ->
        new PiecewiseConstantSchedule(unit(p, "unit"), longs(p, "boundaries"), numbers(p, "values")));
    m.put("cosine", (p, c) -> flag(p, "warm-restarts")
        ? new CosineWarmRestartsSchedule(
            c.initialLr(), number(p, "eta-min"), integer(p, "t-0"), integer(p, "t-mult"), flag(p, "per-step"))
        : new CosineAnnealingSchedule(c.initialLr(), number(p, "eta-min"), number(p, "t-max"), flag(p, "per-step")));
    m.put("cyclical", ScheduleRegistry::cyclical);
    m.put("one-cycle", ScheduleRegistry::oneCycle);
    m.put("plateau", ScheduleRegistry::plateau);
    return m;
  }

  private static LearningRateSchedule cyclical(Map<String, ?> p, ScheduleContext c) {
    CyclicalSchedule.Mode mode =
        switch (text(p, "mode")) {
          case "triangular" -> CyclicalSchedule.Mode.TRIANGULAR;
          case "triangular2" -> CyclicalSchedule.Mode.TRIANGULAR2;
          default -> CyclicalSchedule.Mode.EXP_RANGE;
        };
    return new CyclicalSchedule(number(p, "base-lr"), number(p, "max-lr"), number(p, "step-size"),
        unit(p, "step-size-unit"), mode, number(p, "gamma"));
  }

  private static LearningRateSchedule oneCycle(Map<String, ?> p, ScheduleContext c) {
    OneCycleSchedule.Anneal anneal =
        text(p, "anneal").equals("cos") ? OneCycleSchedule.Anneal.COS : OneCycleSchedule.Anneal.LINEAR;
    return new OneCycleSchedule(number(p, "max-lr"), c.epochs(), number(p, "pct-start"), number(p, "div-factor"),
        number(p, "final-div-factor"), anneal, flag(p, "three-phase"));
  }

  private static LearningRateSchedule plateau(Map<String, ?> p, ScheduleContext c) {
    PlateauPolicy.Mode mode = text(p, "mode").equals("min") ? PlateauPolicy.Mode.MIN : PlateauPolicy.Mode.MAX;
    PlateauPolicy.ThresholdMode thresholdMode =
        text(p, "threshold-mode").equals("rel") ? PlateauPolicy.ThresholdMode.REL : PlateauPolicy.ThresholdMode.ABS;
    return PlateauSchedule.start(
        new PlateauPolicy(c.initialLr(), text(p, "monitor"), mode, number(p, "factor"), integer(p, "patience"),
            number(p, "threshold"), thresholdMode, integer(p, "cooldown"), number(p, "min-lr"), number(p, "eps")));
  }
}
