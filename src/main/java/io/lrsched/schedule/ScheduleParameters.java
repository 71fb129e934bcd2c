package io.lrsched.schedule;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The values of one schedule type's {@link Parameter}s, checked against their ranges, with {@code auto} resolved
 * for a given lr0 and schedule length; read back typed with {@link #get}. It remembers which parameters were
 * {@code auto}, so that {@link ScheduleType#build} can resolve them again for another length (a resumed run that
 * trains longer keeps its original schedule).
 */
public final class ScheduleParameters implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, Object> values;
  private final Set<String> auto;
  private final double lr0;
  private final int epochs;

  ScheduleParameters(Map<String, Object> values, Set<String> auto, double lr0, int epochs) {
    this.values = values;
    this.auto = auto;
    this.lr0 = lr0;
    this.epochs = epochs;
  }

  /** The values of a type without parameters, or of a type that is itself wrong. */
  public static ScheduleParameters none() {
    return new ScheduleParameters(Map.of(), Set.of(), Double.NaN, -1);
  }

  ScheduleParameters frozen() {
    return new ScheduleParameters(
        Collections.unmodifiableMap(new LinkedHashMap<>(values)),
        Collections.unmodifiableSet(new LinkedHashSet<>(auto)), lr0, epochs);
  }

  /**
   * The value of {@code parameter}.
   *
   * @throws IllegalStateException if it is unknown (itself wrong, or {@code auto} derived from something wrong)
   */
  public <T> T get(Parameter<T> parameter) {
    Object value = values.get(parameter.key());
    if (value == null) {
      throw new IllegalStateException(parameter.key() + " is unknown");
    }
    return parameter.cast(value);
  }

  /** Whether {@code parameter} has a value (false while it or what its {@code auto} derives from is wrong). */
  public boolean known(Parameter<?> parameter) {
    return values.containsKey(parameter.key());
  }

  /** Whether {@code parameter} was configured as {@code auto}. */
  public boolean isAuto(Parameter<?> parameter) {
    return auto.contains(parameter.key());
  }

  /** The initial LR the {@code auto} values derive from; NaN while unknown. */
  public double lr0() {
    return lr0;
  }

  /** The schedule's length in epochs the {@code auto} values derive from; -1 while unknown. */
  public int epochs() {
    return epochs;
  }

  /** Every known value by key, in declaration order, for display and comparison. */
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScheduleParameters p && values.equals(p.values) && auto.equals(p.auto)
        && Double.compare(lr0, p.lr0) == 0 && epochs == p.epochs;
  }

  @Override
  public int hashCode() {
    return Objects.hash(values, auto, lr0, epochs);
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
