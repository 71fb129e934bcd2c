package io.lrsched.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * One typed parameter of a schedule type, declared next to the schedule's formula: its key under
 * {@code schedule.<type>} in reference.conf, the kind of value it holds, the ranges it must fall in (which may depend
 * on lr0, the schedule's length and the type's other parameters) and, if it may be {@code auto}, what {@code auto}
 * resolves to. The config package reads every declared parameter by its kind; {@link ScheduleType} checks the
 * ranges and resolves {@code auto}; the schedule reads the values back typed with {@link ScheduleParameters#get}.
 *
 * @param <T> the Java type of the value: {@link Double}, {@link Integer}, {@link Boolean}, {@link String} or a
 *     {@link List} of {@link Integer} or {@link Double}, as {@link Kind} says
 */
public final class Parameter<T> {

  /** The kinds of value a parameter holds, each one Java type. */
  public enum Kind {
    /** A finite number, a {@link Double}. */
    NUMBER(Double.class),
    /** A whole number, an {@link Integer}. */
    INTEGER(Integer.class),
    /** {@code true} or {@code false}, a {@link Boolean}. */
    FLAG(Boolean.class),
    /** One of a fixed set of names, a {@link String}. */
    CHOICE(String.class),
    /** A list of {@link Integer}. */
    INTEGERS(List.class),
    /** A list of finite {@link Double}. */
    NUMBERS(List.class);

    private final Class<?> javaType;

    Kind(Class<?> javaType) {
      this.javaType = javaType;
    }

    /** Whether {@code value} is of this kind's Java type. */
    public boolean holds(Object value) {
      return javaType.isInstance(value);
    }
  }

  /** One range a value must fall in, with what the user is told otherwise. */
  private record Range<T>(BiPredicate<T, ScheduleParameters> ok, Function<ScheduleParameters, String> expected) {}

  private final String key;
  private final Kind kind;
  private final List<Range<T>> ranges;
  private final Function<ScheduleParameters, T> auto;

  private Parameter(
      String key, Kind kind, List<Range<T>> ranges, Function<ScheduleParameters, T> auto) {
    this.key = key;
    this.kind = kind;
    this.ranges = ranges;
    this.auto = auto;
  }

  /** A number for which {@code ok} holds; {@code expected} says which, e.g. "a number > 0". */
  static Parameter<Double> number(String key, DoublePredicate ok, String expected) {
    return new Parameter<Double>(key, Kind.NUMBER, List.of(), null).and((d, v) -> ok.test(d), expected);
  }

  /** An integer {@code >= min}. */
  static Parameter<Integer> integer(String key, int min) {
    return new Parameter<Integer>(key, Kind.INTEGER, List.of(), null)
        .and((n, v) -> n >= min, "an integer >= " + min);
  }

  /** {@code true} or {@code false}. */
  static Parameter<Boolean> flag(String key) {
    return new Parameter<>(key, Kind.FLAG, List.of(new Range<>((b, v) -> true, v -> "true or false")), null);
  }

  /** One of {@code choices}. */
  static Parameter<String> choice(String key, String... choices) {
    Set<String> allowed = new TreeSet<>(List.of(choices));
    return new Parameter<String>(key, Kind.CHOICE, List.of(), null)
        .and((s, v) -> allowed.contains(s), "one of " + String.join(", ", allowed));
  }

  /** A non-empty list of integers {@code >= min}, each greater than the one before. */
  static Parameter<List<Integer>> increasingIntegers(String key, int min) {
    return new Parameter<List<Integer>>(key, Kind.INTEGERS, List.of(), null)
        .and((l, v) -> !l.isEmpty() && l.stream().allMatch(n -> n >= min), "a non-empty list of integers >= " + min)
        .and((l, v) -> increasing(l), "strictly increasing integers >= " + min);
  }

  /** A non-empty list of numbers for which {@code ok} holds; {@code expected} says which, e.g. "numbers >= 0". */
  static Parameter<List<Double>> numbers(String key, DoublePredicate ok, String expected) {
    return new Parameter<List<Double>>(key, Kind.NUMBERS, List.of(), null)
        .and((l, v) -> !l.isEmpty() && l.stream().allMatch(ok::test), "a non-empty list of " + expected);
  }

  /** A factor in (0, 1]: a multiplier per drop or per epoch. */
  static Parameter<Double> unitFactor(String key) {
    return number(key, d -> d > 0 && d <= 1, "a number in (0, 1]");
  }

  /** A learning rate in [0, lr0]; passes while lr0 is unknown (itself wrong, and reported). */
  static Parameter<Double> upToLr0(String key) {
    return new Parameter<Double>(key, Kind.NUMBER, List.of(), null)
        .and((d, p) -> d >= 0 && (Double.isNaN(p.lr0()) || d <= p.lr0()),
            p -> "a number in [0, lr0 = " + p.lr0() + "]");
  }

  /** A length in epochs {@code >= 1}; {@code auto} = the schedule's length. */
  static Parameter<Integer> epochsOrAuto(String key) {
    return integer(key, 1).orAuto(ScheduleParameters::epochs);
  }

  /** What a length counts: {@code epochs} or {@code steps} ({@link ScheduleUnit}). */
  static Parameter<String> unit(String key) {
    return choice(key, "epochs", "steps");
  }

  /** The constant of {@code type} that a choice spells: its name in lower case with '-' for '_'. */
  static <E extends Enum<E>> E option(Class<E> type, String spelling) {
    return Enum.valueOf(type, spelling.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }

  /** This parameter with one more range, whose check and message may read lr0, epochs and other parameters. */
  Parameter<T> and(BiPredicate<T, ScheduleParameters> ok, Function<ScheduleParameters, String> expected) {
    List<Range<T>> more = new ArrayList<>(ranges);
    more.add(new Range<>(ok, expected));
    return new Parameter<>(key, kind, List.copyOf(more), auto);
  }

  /** This parameter with one more range with a fixed message. */
  Parameter<T> and(BiPredicate<T, ScheduleParameters> ok, String expected) {
    return and(ok, v -> expected);
  }

  /**
   * This parameter, which may also be {@code auto}: {@code rule} derives it from lr0, the schedule's length and the
   * parameters declared before it, and the result must fall in the same ranges.
   */
  Parameter<T> orAuto(Function<ScheduleParameters, T> rule) {
    return new Parameter<>(key, kind, ranges, rule);
  }

  /** The key under {@code schedule.<type>}. */
  public String key() {
    return key;
  }

  /** The kind of value, which says how the configuration is read. */
  public Kind kind() {
    return kind;
  }

  /** Whether the value may be {@code auto}. */
  public boolean allowsAuto() {
    return auto != null;
  }

  T resolveAuto(ScheduleParameters known) {
    return auto.apply(known);
  }

  /** What the first range that {@code value} misses expects, or null when it falls in all of them. */
  String missedRange(T value, ScheduleParameters known) {
    for (Range<T> range : ranges) {
      if (!range.ok().test(value, known)) {
        return range.expected().apply(known);
      }
    }
    return null;
  }

  /** What a value of the wrong kind is told: the first range's expectation. */
  String expected(ScheduleParameters known) {
    return ranges.get(0).expected().apply(known);
  }

  @SuppressWarnings("unchecked")
  T cast(Object value) {
    if (!kind.holds(value)) {
      throw new IllegalArgumentException(key + " holds " + value + ", not a value of kind " + kind);
    }
    return (T) value;
  }

  private static boolean increasing(List<Integer> values) {
    for (int i = 1; i < values.size(); i++) {
      if (values.get(i) <= values.get(i - 1)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return key;
  }
}
