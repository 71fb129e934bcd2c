package io.lrsched.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/** Typed, range-checked reads of a merged config; every failure is one {@link ConfigError} line. */
final class Checked {
  private final Config config;

  Checked(Config config) {
    this.config = config;
  }

  /** Where a key's value was set: the file and line, the --set argument, or reference.conf. */
  String where(String key) {
    ConfigValue value = config.getValue(key);
    if (value.origin().resource() != null && value.origin().resource().endsWith("reference.conf")) {
      return "reference.conf";
    }
    return describe(value.origin());
  }

  /** "file.conf:12" for a file, "--set key=value" for an override (whose line number means nothing). */
  static String describe(com.typesafe.config.ConfigOrigin origin) {
    String description = origin.description();
    if (description.startsWith("--set ")) {
      return description.replaceAll(": \\d+$", "");
    }
    return description.replaceAll(": (\\d+)$", ":$1");
  }

  private ConfigError wrong(String key, String expected) {
    return new ConfigError(where(key) + ": " + key + " = " + render(key) + ": expected " + expected);
  }

  private String render(String key) {
    return config.getValue(key).render(com.typesafe.config.ConfigRenderOptions.concise());
  }

  String string(String key) {
    try {
      return config.getString(key);
    } catch (ConfigException.WrongType e) {
      throw wrong(key, "a string");
    }
  }

  String nonEmptyString(String key) {
    String s = string(key);
    if (s.isBlank()) {
      throw wrong(key, "a non-empty string");
    }
    return s;
  }

  String fileName(String key) {
    String s = nonEmptyString(key);
    if (s.contains("/") || s.contains("\\")) {
      throw wrong(key, "a plain file name inside the run folder (no '/')");
    }
    return s;
  }

  String oneOf(String key, Set<String> allowed) {
    String s = string(key);
    if (!allowed.contains(s)) {
      StringJoiner names = new StringJoiner(", ");
      new TreeSet<>(allowed).forEach(names::add);
      throw wrong(key, "one of " + names);
    }
    return s;
  }

  boolean bool(String key) {
    try {
      return config.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      throw wrong(key, "true or false");
    }
  }

  long anyLong(String key) {
    try {
      return config.getLong(key);
    } catch (ConfigException.WrongType e) {
      throw wrong(key, "an integer");
    }
  }

  private int integer(String key) {
    Number n = number(key, "an integer");
    if (n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
      throw wrong(key, "an integer");
    }
    return n.intValue();
  }

  int positiveInt(String key) {
    int n = integer(key);
    if (n < 1) {
      throw wrong(key, "an integer >= 1");
    }
    return n;
  }

  int nonNegativeInt(String key) {
    int n = integer(key);
    if (n < 0) {
      throw wrong(key, "an integer >= 0");
    }
    return n;
  }

  private Number number(String key, String expected) {
    try {
      return config.getNumber(key);
    } catch (ConfigException.WrongType e) {
      throw wrong(key, expected);
    }
  }

  private double real(String key, String expected) {
    double d = number(key, expected).doubleValue();
    if (!Double.isFinite(d)) {
      throw wrong(key, expected);
    }
    return d;
  }

  double positiveDouble(String key) {
    double d = real(key, "a number > 0");
    if (d <= 0) {
      throw wrong(key, "a number > 0");
    }
    return d;
  }

  double nonNegativeDouble(String key) {
    double d = real(key, "a number >= 0");
    if (d < 0) {
      throw wrong(key, "a number >= 0");
    }
    return d;
  }

  double doubleInOpenUnit(String key) {
    double d = real(key, "a number in (0, 1)");
    if (d <= 0 || d >= 1) {
      throw wrong(key, "a number in (0, 1)");
    }
    return d;
  }

  double doubleInHalfOpenUnit(String key) {
    double d = real(key, "a number in [0, 1)");
    if (d < 0 || d >= 1) {
      throw wrong(key, "a number in [0, 1)");
    }
    return d;
  }

  List<Integer> positiveIntList(String key) {
    List<Integer> values;
    try {
      values = config.getIntList(key);
    } catch (ConfigException.WrongType e) {
      throw wrong(key, "a list of integers >= 1");
    }
    if (values.isEmpty() || values.stream().anyMatch(n -> n < 1)) {
      throw wrong(key, "a non-empty list of integers >= 1");
    }
    return values;
  }
}
