package io.lrsched.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.DoublePredicate;

/**
 * Typed, range-checked reads of a merged config that collect every problem instead of stopping at the first, as
 * typesafe-config's {@code checkValid} does: a read that fails records one line naming where the value came from,
 * the key, the value and what was expected, and returns a neutral value so that reading goes on.
 */
final class Checked {
  /** The value that asks for a parameter to be derived from the rest of the configuration. */
  static final String AUTO = "auto";

  private final Config config;
  private final List<String> problems;
  private final Set<String> failed = new HashSet<>();

  Checked(Config config, List<String> problems) {
    this.config = config;
    this.problems = problems;
  }

  /** True if a read of {@code key} has failed: checks that combine it with other values are skipped. */
  boolean failed(String key) {
    return failed.contains(key);
  }

  /** Where a key's value was set: the file and line, the --set argument, or reference.conf. */
  String where(String key) {
    return describe(config.getValue(key).origin());
  }

  /** "file.conf:12" for a file, "--set key=value" for an override (whose line number means nothing). */
  static String describe(ConfigOrigin origin) {
    if (origin.resource() != null && origin.resource().endsWith("reference.conf")) {
      return "reference.conf";
    }
    String description = origin.description();
    if (description.startsWith("--set ")) {
      return description.replaceAll(": \\d+$", "");
    }
    return description.replaceAll(": (\\d+)$", ":$1");
  }

  /** Records a problem with {@code key}'s value: {@code where: key = value: expected ...}. */
  void wrong(String key, String expected) {
    problems.add(where(key) + ": " + key + " = " + render(key) + ": expected " + expected);
    failed.add(key);
  }

  private String render(String key) {
    return config.getValue(key).render(ConfigRenderOptions.concise());
  }

  String string(String key) {
    try {
      return config.getString(key);
    } catch (ConfigException.WrongType e) {
      wrong(key, "a string");
      return "";
    }
  }

  String nonEmptyString(String key) {
    String s = string(key);
    if (!failed(key) && s.isBlank()) {
      wrong(key, "a non-empty string");
    }
    return s;
  }

  String fileName(String key) {
    String s = nonEmptyString(key);
    if (!failed(key) && (s.contains("/") || s.contains("\\"))) {
      wrong(key, "a plain file name inside the run folder (no '/')");
    }
    return s;
  }

  String oneOf(String key, Set<String> allowed) {
    String s = string(key);
    if (!failed(key) && !allowed.contains(s)) {
      StringJoiner names = new StringJoiner(", ");
      new TreeSet<>(allowed).forEach(names::add);
      wrong(key, "one of " + names);
    }
    return s;
  }

  boolean bool(String key) {
    try {
      return config.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      wrong(key, "true or false");
      return false;
    }
  }

  long anyLong(String key) {
    try {
      return config.getLong(key);
    } catch (ConfigException.WrongType e) {
      wrong(key, "an integer");
      return 0;
    }
  }

  /** An integer {@code >= min}. */
  int integer(String key, int min) {
    Number n = number(key, "an integer >= " + min);
    if (n == null) {
      return min;
    }
    double d = n.doubleValue();
    if (d != Math.rint(d) || d < min || d > Integer.MAX_VALUE) {
      wrong(key, "an integer >= " + min);
      return min;
    }
    return n.intValue();
  }

  int positiveInt(String key) {
    return integer(key, 1);
  }

  int nonNegativeInt(String key) {
    return integer(key, 0);
  }

  /** An integer {@code >= min}, or {@code auto} resolved to {@code autoValue} (negative: unknown, not checked). */
  int integerOrAuto(String key, int autoValue, int min) {
    if (isAuto(key)) {
      if (autoValue >= 0 && autoValue < min) {
        wrong(key, "an integer >= " + min + " (auto resolves to " + autoValue + ")");
      }
      return autoValue;
    }
    return integer(key, min);
  }

  private Number number(String key, String expected) {
    try {
      Number n = config.getNumber(key);
      if (!Double.isFinite(n.doubleValue())) {
        wrong(key, expected);
        return null;
      }
      return n;
    } catch (ConfigException.WrongType e) {
      wrong(key, expected);
      return null;
    }
  }

  /** A finite number for which {@code ok} holds; {@code expected} says which, e.g. "a number > 0". */
  double real(String key, DoublePredicate ok, String expected) {
    Number n = number(key, expected);
    if (n == null) {
      return 0;
    }
    if (!ok.test(n.doubleValue())) {
      wrong(key, expected);
    }
    return n.doubleValue();
  }

  /**
   * A number as {@link #real}, or {@code auto} resolved to {@code autoValue}, which must pass the same check (NaN:
   * unknown because what it derives from is itself wrong, not checked).
   */
  double realOrAuto(String key, double autoValue, DoublePredicate ok, String expected) {
    if (isAuto(key)) {
      if (!Double.isNaN(autoValue) && !ok.test(autoValue)) {
        wrong(key, expected + " (auto resolves to " + autoValue + ")");
      }
      return autoValue;
    }
    return real(key, ok, expected + " or auto");
  }

  double positiveDouble(String key) {
    return real(key, d -> d > 0, "a number > 0");
  }

  double nonNegativeDouble(String key) {
    return real(key, d -> d >= 0, "a number >= 0");
  }

  double doubleInOpenUnit(String key) {
    return real(key, d -> d > 0 && d < 1, "a number in (0, 1)");
  }

  double doubleInHalfOpenUnit(String key) {
    return real(key, d -> d >= 0 && d < 1, "a number in [0, 1)");
  }

  /** A duration {@code > 0} such as {@code 30s} or {@code 10m}. */
  Duration positiveDuration(String key) {
    try {
      Duration d = config.getDuration(key);
      if (!d.isNegative() && !d.isZero()) {
        return d;
      }
      wrong(key, "a duration > 0");
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      wrong(key, "a duration such as 30s, 10m or 2h");
    }
    return Duration.ofSeconds(1);
  }

  /** A non-empty list of integers, each {@code >= min}. */
  List<Integer> intList(String key, int min) {
    String expected = "a non-empty list of integers >= " + min;
    try {
      List<Integer> values = config.getIntList(key);
      if (values.isEmpty() || values.stream().anyMatch(n -> n < min)) {
        wrong(key, expected);
      }
      return values;
    } catch (ConfigException.WrongType e) {
      wrong(key, expected);
      return List.of();
    }
  }

  /** A list of non-blank strings without repeats, possibly empty. */
  List<String> distinctStringList(String key) {
    String expected = "a list of distinct non-empty strings";
    try {
      List<String> values = config.getStringList(key);
      if (values.stream().anyMatch(String::isBlank) || Set.copyOf(values).size() != values.size()) {
        wrong(key, expected);
      }
      return values;
    } catch (ConfigException.WrongType e) {
      wrong(key, expected);
      return List.of();
    }
  }

  List<Integer> positiveIntList(String key) {
    return intList(key, 1);
  }

  /** A non-empty list of integers {@code >= min}, each greater than the one before. */
  List<Integer> increasingIntList(String key, int min) {
    List<Integer> values = intList(key, min);
    for (int i = 1; i < values.size() && !failed(key); i++) {
      if (values.get(i) <= values.get(i - 1)) {
        wrong(key, "strictly increasing integers >= " + min);
      }
    }
    return values;
  }

  /** A non-empty list of finite numbers for which {@code ok} holds. */
  List<Double> realList(String key, DoublePredicate ok, String expected) {
    try {
      List<Double> values = config.getDoubleList(key);
      if (values.isEmpty() || values.stream().anyMatch(d -> !Double.isFinite(d) || !ok.test(d))) {
        wrong(key, "a non-empty list of " + expected);
      }
      return values;
    } catch (ConfigException.WrongType e) {
      wrong(key, "a non-empty list of " + expected);
      return List.of();
    }
  }

  boolean isAuto(String key) {
    ConfigValue value = config.getValue(key);
    return value.valueType() == ConfigValueType.STRING && AUTO.equals(value.unwrapped());
  }

  /**
   * Checks only that {@code key} holds the kind of value {@code reference} holds (a number, a boolean, a list, or
   * a number or {@code auto}), for blocks whose ranges do not matter because they are not in use.
   */
  void sameKind(String key, ConfigValue reference) {
    ConfigValueType kind = reference.valueType();
    boolean referenceIsAuto = kind == ConfigValueType.STRING && AUTO.equals(reference.unwrapped());
    try {
      switch (kind) {
        case NUMBER -> config.getDouble(key);
        case BOOLEAN -> config.getBoolean(key);
        case LIST -> config.getList(key);
        case STRING -> {
          if (referenceIsAuto && !isAuto(key)) {
            config.getDouble(key);
          } else {
            config.getString(key);
          }
        }
        default -> {}
      }
    } catch (ConfigException.WrongType e) {
      String expected =
          switch (kind) {
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case LIST -> "a list";
            default -> referenceIsAuto ? "a number or auto" : "a string";
          };
      wrong(key, expected);
    }
  }

  /** Every problem found so far, one line each. */
  List<String> problems() {
    return new ArrayList<>(problems);
  }
}
