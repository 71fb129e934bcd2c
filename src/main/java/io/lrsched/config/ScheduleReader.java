package io.lrsched.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.lrsched.schedule.Parameter;
import io.lrsched.schedule.ScheduleParameters;
import io.lrsched.schedule.ScheduleRegistry;
import io.lrsched.schedule.ScheduleType;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the {@code schedule} block into {@link ScheduleSettings}. The active type's block is read by the kinds its
 * {@link ScheduleType} declares, which then checks the ranges and resolves {@code auto} from {@code training.lr}
 * and {@code training.epochs}; the wrappers are checked in full; the blocks of the other types only for the kind of
 * each value, so that a block not in use never stops a run but a mistake in it is still found up front.
 */
final class ScheduleReader {
  private static final String ROOT = "schedule";
  private static final String UNIT_FACTOR = "a number in (0, 1]";

  private final Config config;
  private final Config reference;
  private final Checked v;

  ScheduleReader(Config config, Config reference, Checked v) {
    this.config = config;
    this.reference = reference;
    this.v = v;
  }

  /** The schedule types reference.conf has a block for, and {@code none}, which needs none. */
  static Set<String> types(Config reference) {
    Set<String> types = new TreeSet<>(Set.of("none"));
    reference.getConfig(ROOT).root().forEach((key, value) -> {
      if (value.valueType() == ConfigValueType.OBJECT && !ScheduleRegistry.WRAPPERS.contains(key)) {
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
    String type = v.oneOf(ROOT + ".type", Set.copyOf(ScheduleRegistry.names()));
    for (String other : types(reference)) {
      if (!other.equals(type) && !other.equals("none")) {
        kindsOnly(ROOT + "." + other);
      }
    }
    ScheduleParameters parameters = v.failed(ROOT + ".type") ? ScheduleParameters.none()
        : readActive(ScheduleRegistry.type(type), lr0, epochs);
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

  /** Every declared parameter read by its kind; the type checks the ranges and says what is wrong. */
  private ScheduleParameters readActive(ScheduleType type, double lr0, int epochs) {
    String block = ROOT + "." + type.name() + ".";
    Map<Parameter<?>, Object> configured = new LinkedHashMap<>();
    Set<Parameter<?>> auto = new HashSet<>();
    for (Parameter<?> p : type.parameters()) {
      String key = block + p.key();
      if (p.allowsAuto() && v.isAuto(key)) {
        auto.add(p);
      } else {
        ofKind(key, p.kind()).ifPresent(value -> configured.put(p, value));
      }
    }
    ScheduleType.Resolution resolution = type.resolve(configured, auto, lr0, epochs);
    resolution.problems().forEach((key, expected) -> v.wrong(block + key, expected));
    return resolution.parameters();
  }

  /** The value at {@code key} as {@code kind}'s Java type, or empty if it is not of that kind. */
  private Optional<Object> ofKind(String key, Parameter.Kind kind) {
    try {
      Object value = switch (kind) {
        case NUMBER -> finite(config.getNumber(key).doubleValue());
        case INTEGER -> integral(config.getNumber(key).doubleValue());
        case FLAG -> config.getBoolean(key);
        case CHOICE -> config.getString(key);
        case INTEGERS -> config.getIntList(key);
        case NUMBERS -> config.getDoubleList(key).stream().allMatch(Double::isFinite) ? config.getDoubleList(key)
            : null;
      };
      return Optional.ofNullable(value);
    } catch (ConfigException.WrongType e) {
      return Optional.empty();
    }
  }

  private static Double finite(double d) {
    return Double.isFinite(d) ? d : null;
  }

  private static Integer integral(double d) {
    return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE ? (int) d : null;
  }
}
