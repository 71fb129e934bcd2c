package io.lrsched.schedule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.DoublePredicate;

/**
 * Typed, validated reads from one config block given as a plain map (values as typesafe-config's
 * {@code unwrapped()} yields them: Number, String, Boolean, List, Map). Every error is one line that names
 * the full key, the value and what is allowed. Numbers and booleans given as strings are accepted, as
 * HOCON's own getters accept them, because environment overrides ({@code ${?VAR}}) always arrive as strings.
 */
final class Params {
  /** The value that asks for a parameter to be derived from the {@link ScheduleContext}. */
  static final String AUTO = "auto";

  private final String prefix;
  private final Map<String, ?> values;

  Params(String prefix, Map<String, ?> values) {
    this.prefix = prefix;
    this.values = values == null ? Map.of() : values;
  }

  /** The full key of a parameter, e.g. {@code schedule.step.factor}. */
  String key(String name) {
    return prefix + "." + name;
  }

  /** Rejects keys outside {@code allowed}. */
  void allowOnly(Collection<String> allowed) {
    for (Map.Entry<String, ?> e : values.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw new IllegalArgumentException(
            key(e.getKey())
                + " = "
                + show(e.getValue())
                + ": unknown parameter; allowed: "
                + (allowed.isEmpty() ? "none" : String.join(", ", new TreeSet<>(allowed))));
      }
    }
  }

  Object raw(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException(key(name) + " is missing; reference.conf defines every parameter");
    }
    return v;
  }

  boolean isAuto(String name) {
    return AUTO.equals(raw(name));
  }

  /** A nested block, or an error if the value is not one. */
  Params block(String name) {
    Object v = raw(name);
    if (!(v instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(key(name) + " = " + show(v) + ": must be a block { ... }");
    }
    @SuppressWarnings("unchecked")
    Map<String, ?> typed = (Map<String, ?>) map;
    return new Params(key(name), typed);
  }

  double number(String name, DoublePredicate ok, String allowed) {
    return checkNumber(name, raw(name), ok, allowed);
  }

  /** A number, or {@code auto} resolved to {@code autoValue} (which must satisfy the same check). */
  double numberOrAuto(String name, double autoValue, DoublePredicate ok, String allowed) {
    if (isAuto(name)) {
      if (!ok.test(autoValue)) {
        throw new IllegalArgumentException(
            key(name) + " = auto resolves to " + autoValue + ", which is not " + allowed);
      }
      return autoValue;
    }
    return checkNumber(name, raw(name), ok, allowed + " or auto");
  }

  long integer(String name, long min) {
    return checkInteger(name, raw(name), min, "");
  }

  int intValue(String name, int min) {
    return (int) checkIntRange(name, raw(name), min, "");
  }

  /** An integer, or {@code auto} resolved to {@code autoValue}. */
  int intOrAuto(String name, int autoValue, int min) {
    if (isAuto(name)) {
      if (autoValue < min) {
        throw new IllegalArgumentException(key(name) + " = auto resolves to " + autoValue + ", below " + min);
      }
      return autoValue;
    }
    return (int) checkIntRange(name, raw(name), min, " or auto");
  }

  boolean bool(String name) {
    Object v = raw(name);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      switch (s.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on" -> {
          return true;
        }
        case "false", "no", "off" -> {
          return false;
        }
        default -> {}
      }
    }
    throw new IllegalArgumentException(key(name) + " = " + show(v) + ": must be true or false");
  }

  /** One of {@code allowed} (exact spelling). */
  String choice(String name, String... allowed) {
    Object v = raw(name);
    for (String a : allowed) {
      if (a.equals(v)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        key(name) + " = " + show(v) + ": must be one of " + String.join(", ", allowed));
  }

  List<Double> numbers(String name, DoublePredicate ok, String allowed) {
    List<?> list = list(name, "numbers " + allowed);
    List<Double> out = new ArrayList<>();
    for (Object o : list) {
      out.add(checkNumber(name, o, ok, allowed, list));
    }
    return out;
  }

  List<Long> integers(String name, long min) {
    List<?> list = list(name, "integers >= " + min);
    List<Long> out = new ArrayList<>();
    for (Object o : list) {
      out.add(checkInteger(name, o, min, "", list));
    }
    return out;
  }

  private List<?> list(String name, String what) {
    Object v = raw(name);
    if (!(v instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException(key(name) + " = " + show(v) + ": must be a non-empty list of " + what);
    }
    return list;
  }

  private double checkNumber(String name, Object v, DoublePredicate ok, String allowed) {
    return checkNumber(name, v, ok, allowed, v);
  }

  private double checkNumber(String name, Object v, DoublePredicate ok, String allowed, Object shown) {
    Double d = toDouble(v);
    if (d == null || d.isNaN() || d.isInfinite() || !ok.test(d)) {
      throw new IllegalArgumentException(key(name) + " = " + show(shown) + ": must be " + allowed);
    }
    return d;
  }

  private long checkIntRange(String name, Object v, int min, String orAuto) {
    long l = checkInteger(name, v, min, orAuto);
    if (l > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(key(name) + " = " + show(v) + ": must be at most " + Integer.MAX_VALUE);
    }
    return l;
  }

  private long checkInteger(String name, Object v, long min, String orAuto) {
    return checkInteger(name, v, min, orAuto, v);
  }

  private long checkInteger(String name, Object v, long min, String orAuto, Object shown) {
    Double d = toDouble(v);
    if (d == null || d != Math.rint(d) || d < min || d > Long.MAX_VALUE) {
      throw new IllegalArgumentException(
          key(name) + " = " + show(shown) + ": must be an integer >= " + min + orAuto);
    }
    return d.longValue();
  }

  private static Double toDouble(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.valueOf(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** A value as it would read in HOCON: strings quoted. */
  static String show(Object v) {
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }
}
