package io.lrsched.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoublePredicate;

/**
 * Checks the {@code schedule} block into {@link ScheduleSettings}. The active type's block and the wrappers are
 * checked in full (types, ranges, {@code auto} resolved from {@code training.lr} and {@code training.epochs}); the
 * blocks of the other types only for the kind of each value, so that a block not in use never stops a run but a
 * mistake in it is still found up front. The schedule types are the blocks of {@code reference.conf} plus
 * {@code none}.
 */
final class ScheduleReader {
  private static final String ROOT = "schedule";
  private static final Set<String> WRAPPERS = Set.of("warmup", "linear-scaling");
  private static final String UNIT_FACTOR = "a number in (0, 1]";

  private final Config config;
  private final Config reference;
  private final Checked v;

  ScheduleReader(Config config, Config reference, Checked v) {
    this.config = config;
    this.reference = reference;
    this.v = v;
  }

  /** The registered names: {@code none} and every type block of the reference. */
  static Set<String> types(Config reference) {
    Set<String> types = new TreeSet<>(Set.of("none"));
    reference.getConfig(ROOT).root().forEach((key, value) -> {
      if (value.valueType() == ConfigValueType.OBJECT && !WRAPPERS.contains(key)) {
        types.add(key);
      }
    });
    return types;
  }

  /**
   * @param lr0 {@code training.lr}, or NaN if it is itself wrong (then what derives from it is not checked)
   * @param epochs {@code training.epochs}, or -1 if it is itself wrong (likewise)
   */
  ScheduleSettings read(double lr0, int epochs) {
    Set<String> types = types(reference);
    String type = v.oneOf(ROOT + ".type", types);
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (String other : types) {
      if (!other.equals(type) && !other.equals("none")) {
        kindsOnly(ROOT + "." + other);
      }
    }
    if (types.contains(type) && !type.equals("none")) {
      readActive(type, lr0, epochs, parameters);
    }
    String w = ROOT + ".warmup.";
    ScheduleSettings.Warmup warmup =
        new ScheduleSettings.Warmup(
            v.nonNegativeInt(w + "epochs"),
            v.nonNegativeInt(w + "steps"),
            v.real(w + "start-factor", d -> d > 0 && d <= 1, UNIT_FACTOR));
    if (warmup.epochs() > 0 && warmup.steps() > 0) {
      v.wrong(w + "steps", "0 while " + w + "epochs = " + warmup.epochs() + " (set at most one above 0)");
    }
    String s = ROOT + ".linear-scaling.";
    ScheduleSettings.LinearScaling linearScaling =
        new ScheduleSettings.LinearScaling(v.bool(s + "enabled"), v.nonNegativeInt(s + "warmup-epochs"));
    return new ScheduleSettings(type, parameters, warmup, linearScaling);
  }

  private void kindsOnly(String block) {
    for (Map.Entry<String, ConfigValue> e : config.getConfig(block).entrySet()) {
      String key = block + "." + e.getKey();
      if (reference.hasPath(key)) {
        v.sameKind(key, reference.getValue(key));
      }
    }
  }

  /** One case per type, one line per parameter: what each key must hold and what {@code auto} means. */
  private void readActive(String type, double lr0, int epochs, Map<String, Object> p) {
    String k = ROOT + "." + type + ".";
    String upToLr0 = "a number in [0, lr0 = " + lr0 + "]";
    double epochsOrNaN = epochs < 0 ? Double.NaN : epochs;
    // Checks against lr0 pass while lr0 is unknown (itself wrong, and reported).
    DoublePredicate atMostLr0 = d -> d >= 0 && (Double.isNaN(lr0) || d <= lr0);
    switch (type) {
      case "standard" ->
          p.put("decay", v.realOrAuto(k + "decay", lr0 / epochsOrNaN, d -> d >= 0, "a number >= 0 (per step)"));
      case "step", "step-aligned" -> {
        p.put("factor", v.real(k + "factor", d -> d > 0 && d <= 1, UNIT_FACTOR));
        p.put("drop-every", v.integer(k + "drop-every", 1));
      }
      case "linear" -> p.put("max-epochs", v.integerOrAuto(k + "max-epochs", epochs, 1));
      case "poly" -> {
        p.put("max-epochs", v.integerOrAuto(k + "max-epochs", epochs, 1));
        p.put("power", v.real(k + "power", d -> d > 0, "a number > 0"));
      }
      case "exponential" -> {
        p.put("gamma", v.real(k + "gamma", d -> d > 0 && d <= 1, UNIT_FACTOR));
        p.put("per-step", v.bool(k + "per-step"));
      }
      case "multi-step" -> {
        p.put("milestones", v.increasingIntList(k + "milestones", 1));
        p.put("gamma", v.real(k + "gamma", d -> d > 0 && d <= 1, UNIT_FACTOR));
      }
      case "piecewise" -> {
        p.put("unit", v.oneOf(k + "unit", Set.of("epochs", "steps")));
        List<Integer> boundaries = v.increasingIntList(k + "boundaries", 0);
        List<Double> values = v.realList(k + "values", d -> d >= 0, "numbers >= 0");
        if (!v.failed(k + "boundaries") && !v.failed(k + "values") && values.size() != boundaries.size() + 1) {
          v.wrong(k + "values", boundaries.size() + 1 + " values, one more than " + k + "boundaries");
        }
        p.put("boundaries", boundaries);
        p.put("values", values);
      }
      case "cosine" -> {
        p.put("t-max", v.realOrAuto(k + "t-max", epochsOrNaN, d -> d > 0, "a number of epochs > 0"));
        p.put("eta-min", v.real(k + "eta-min", atMostLr0, upToLr0));
        p.put("per-step", v.bool(k + "per-step"));
        p.put("warm-restarts", v.bool(k + "warm-restarts"));
        p.put("t-0", v.integer(k + "t-0", 1));
        p.put("t-mult", v.integer(k + "t-mult", 1));
      }
      case "cyclical" -> {
        p.put("mode", v.oneOf(k + "mode", Set.of("triangular", "triangular2", "exp-range")));
        double baseLr = v.real(k + "base-lr", d -> d > 0, "a number > 0");
        p.put("base-lr", baseLr);
        if (v.isAuto(k + "max-lr")) {
          // the user set base-lr, not the auto max-lr: the message names base-lr
          if (!v.failed(k + "base-lr") && !Double.isNaN(lr0) && !(baseLr < lr0)) {
            v.wrong(k + "base-lr", "a number below max-lr = auto = lr0 = " + lr0);
          }
          p.put("max-lr", lr0);
        } else {
          p.put("max-lr", v.real(k + "max-lr", d -> d > baseLr, "a number > base-lr (" + baseLr + ") or auto"));
        }
        p.put("step-size", v.real(k + "step-size", d -> d > 0, "a number > 0"));
        p.put("step-size-unit", v.oneOf(k + "step-size-unit", Set.of("epochs", "steps")));
        p.put("gamma", v.real(k + "gamma", d -> d > 0 && d <= 1, UNIT_FACTOR));
      }
      case "one-cycle" -> {
        p.put("max-lr", v.realOrAuto(k + "max-lr", lr0, d -> d > 0, "a number > 0"));
        boolean threePhase = v.bool(k + "three-phase");
        double pctMax = threePhase ? 0.5 : 1.0;
        p.put("three-phase", threePhase);
        p.put("pct-start", v.real(k + "pct-start", d -> d >= 0 && d <= pctMax,
            "a number in [0, " + pctMax + "]" + (threePhase ? " with three-phase = true" : "")));
        p.put("div-factor", v.real(k + "div-factor", d -> d > 0, "a number > 0"));
        p.put("final-div-factor", v.real(k + "final-div-factor", d -> d > 0, "a number > 0"));
        p.put("anneal", v.oneOf(k + "anneal", Set.of("cos", "linear")));
      }
      case "plateau" -> {
        p.put("monitor", v.oneOf(k + "monitor", Set.of("val-loss", "val-accuracy", "train-loss", "train-accuracy")));
        p.put("mode", v.oneOf(k + "mode", Set.of("min", "max")));
        p.put("factor", v.real(k + "factor", d -> d > 0 && d < 1, "a number in (0, 1)"));
        p.put("patience", v.integer(k + "patience", 0));
        p.put("threshold", v.real(k + "threshold", d -> d >= 0, "a number >= 0"));
        p.put("threshold-mode", v.oneOf(k + "threshold-mode", Set.of("rel", "abs")));
        p.put("cooldown", v.integer(k + "cooldown", 0));
        p.put("min-lr", v.real(k + "min-lr", atMostLr0, upToLr0));
        p.put("eps", v.real(k + "eps", d -> d >= 0, "a number >= 0"));
      }
      default -> throw new IllegalStateException(
          "reference.conf has a schedule block '" + type + "' that the config package does not read");
    }
  }
}
