package io.lrsched.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What makes two experiments the same experiment: their resolved configurations as canonical text, one {@code
 * key=value} line per leaf in key order, numbers in one spelling ({@code 0.1} and {@code 1e-1} agree). Keys that only
 * name or place a run ({@code experiment.name}, {@code output.*}) are left out, so the text does not depend on where
 * or under which name a trial runs, nor on the order in which a file wrote its keys.
 */
public final class ConfigIdentity {
  private ConfigIdentity() {}

  /**
   * @param settings a validated experiment
   * @param withSeed whether {@code experiment.seed} counts (false: the text of the seed's group)
   * @return the canonical text
   */
  public static String of(ExperimentSettings settings, boolean withSeed) {
    Config c = ConfigFactory.parseString(settings.rendered());
    Map<String, String> lines = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
      String key = String.join(".", ConfigUtil.splitPath(e.getKey()));
      boolean placement = key.equals("experiment.name") || key.startsWith("output.");
      if (!placement && (withSeed || !key.equals("experiment.seed"))) {
        lines.put(key, canonical(e.getValue()));
      }
    }
    StringBuilder text = new StringBuilder();
    lines.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    return text.toString();
  }

  /**
   * A value's canonical text: integral numbers as integers, others as Java's shortest round-trip double, strings
   * quoted, lists and objects recursively.
   */
  static String canonical(ConfigValue value) {
    return switch (value.valueType()) {
      case NUMBER -> number((Number) value.unwrapped());
      case STRING -> ConfigUtil.quoteString((String) value.unwrapped());
      case LIST -> {
        StringJoiner items = new StringJoiner(",", "[", "]");
        ((ConfigList) value).forEach(item -> items.add(canonical(item)));
        yield items.toString();
      }
      case OBJECT -> {
        StringJoiner fields = new StringJoiner(",", "{", "}");
        new TreeMap<>((ConfigObject) value).forEach((k, v) -> fields.add(ConfigUtil.quoteString(k) + ":" + canonical(v)));
        yield fields.toString();
      }
      default -> String.valueOf(value.unwrapped());
    };
  }

  private static String number(Number n) {
    double d = n.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }
}
