package io.lrsched.schedule;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A schedule type as the configuration names it ({@code schedule.type}): its {@link Parameter}s, declared once next
 * to the schedule's formula, and how to build the schedule from their values. The config package reads the
 * parameters by kind and calls {@link #resolve}; {@link #build} resolves them again for the run's actual lr0 and
 * length, so one set of rules serves both.
 */
public final class ScheduleType {
  private final String name;
  private final List<Parameter<?>> parameters;
  private final BiFunction<ScheduleParameters, ScheduleContext, LearningRateSchedule> builder;

  ScheduleType(
      String name,
      BiFunction<ScheduleParameters, ScheduleContext, LearningRateSchedule> builder,
      Parameter<?>... parameters) {
    this.name = name;
    this.parameters = List.of(parameters);
    this.builder = builder;
  }

  /**
   * The parameters resolved and checked, and what is wrong with them.
   *
   * @param parameters the known values
   * @param problems for each wrong parameter's key, what it should be, e.g. "a number in (0, 1]"
   */
  public record Resolution(ScheduleParameters parameters, Map<String, String> problems) {}

  /** The name {@code schedule.type} chooses it by, also its block in reference.conf. */
  public String name() {
    return name;
  }

  /** Its parameters, in declaration order (the order of its block in reference.conf). */
  public List<Parameter<?>> parameters() {
    return parameters;
  }

  /**
   * Resolves {@code auto} and checks every range, in declaration order.
   *
   * @param configured the values read for parameters not set to {@code auto}, each of its parameter's kind
   * @param auto the parameters set to {@code auto}
   * @param lr0 the initial LR, or NaN if it is itself wrong (then nothing derived from it is checked)
   * @param epochs the schedule's length, or -1 if it is itself wrong (likewise)
   * @return the values, and a problem for each parameter that is of the wrong kind or out of range
   */
  public Resolution resolve(Map<Parameter<?>, Object> configured, Set<Parameter<?>> auto, double lr0, int epochs) {
    Map<String, Object> values = new LinkedHashMap<>();
    Set<String> autoKeys = new HashSet<>();
    ScheduleParameters known = new ScheduleParameters(values, autoKeys, lr0, epochs);
    Map<String, String> problems = new LinkedHashMap<>();
    for (Parameter<?> p : parameters) {
      if (auto.contains(p) && p.allowsAuto()) {
        autoKeys.add(p.key());
      } else if (configured.containsKey(p) && p.kind().holds(configured.get(p))) {
        values.put(p.key(), configured.get(p));
      }
    }
    boolean autoResolvable = !Double.isNaN(lr0) && epochs >= 0 && values.size() + autoKeys.size() == parameters.size();
    Map<String, Object> resolved = new HashMap<>();
    for (Parameter<?> p : parameters) {
      if (autoKeys.contains(p.key()) && autoResolvable) {
        Object value = p.resolveAuto(known);
        values.put(p.key(), value);
        resolved.put(p.key(), value);
      }
    }
    for (Parameter<?> p : parameters) {
      String suffix = autoKeys.contains(p.key()) ? " (auto resolves to " + resolved.get(p.key()) + ")"
          : p.allowsAuto() ? " or auto" : "";
      if (!autoKeys.contains(p.key()) && !values.containsKey(p.key())) {
        problems.put(p.key(), p.expected(known) + suffix);
      } else if (values.containsKey(p.key())) {
        String missed = missedRange(p, known);
        if (missed != null) {
          problems.put(p.key(), missed + suffix);
        }
      }
    }
    return new Resolution(known.frozen(), problems);
  }

  private static <T> String missedRange(Parameter<T> p, ScheduleParameters known) {
    return p.missedRange(known.get(p), known);
  }

  /**
   * Builds the schedule, with {@code auto} resolved again for {@code context}'s lr0 and length.
   *
   * @param configured values as {@link #resolve} returned them for this type
   * @throws IllegalArgumentException if a value falls out of its range for this context
   */
  public LearningRateSchedule build(ScheduleParameters configured, ScheduleContext context) {
    Map<Parameter<?>, Object> values = new HashMap<>();
    Set<Parameter<?>> auto = new HashSet<>();
    for (Parameter<?> p : parameters) {
      if (configured.isAuto(p)) {
        auto.add(p);
      } else if (configured.known(p)) {
        values.put(p, configured.get(p));
      }
    }
    Resolution r = resolve(values, auto, context.initialLr(), context.epochs());
    if (!r.problems().isEmpty()) {
      throw new IllegalArgumentException("schedule '" + name + "' over " + context.epochs() + " epochs at lr0 = "
          + context.initialLr() + ": " + r.problems());
    }
    return builder.apply(r.parameters(), context);
  }

  @Override
  public String toString() {
    return name + parameters;
  }
}
