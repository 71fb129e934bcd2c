package io.lrsched.schedule;

import java.util.List;

/**
 * Piecewise-constant LR ({@code piecewise}, Keras PiecewiseConstantDecay): with position {@code x} (the epoch,
 * or the global step {@code t}), the LR is {@code values[0]} while {@code x <= boundaries[0]},
 * {@code values[i]} while {@code boundaries[i-1] < x <= boundaries[i]}, and the last value after the last
 * boundary. Values are absolute LRs; lr0 is not used.
 *
 * @param unit what the boundaries count
 * @param boundaries strictly increasing positions {@code >= 0}
 * @param values one more LR than boundaries, each {@code >= 0}
 */
public record PiecewiseConstantSchedule(ScheduleUnit unit, List<Long> boundaries, List<Double> values)
    implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;

  private static final Parameter<String> UNIT = Parameter.unit("unit");
  private static final Parameter<List<Integer>> BOUNDARIES = Parameter.increasingIntegers("boundaries", 0);
  private static final Parameter<List<Double>> VALUES =
      Parameter.numbers("values", d -> d >= 0, "numbers >= 0")
          .and((values, p) -> !p.known(BOUNDARIES) || values.size() == p.get(BOUNDARIES).size() + 1,
              p -> p.get(BOUNDARIES).size() + 1 + " values, one more than schedule.piecewise.boundaries");

  /** {@code piecewise}: Keras' PiecewiseConstantDecay, absolute LRs. */
  static final ScheduleType TYPE = new ScheduleType(
      "piecewise",
      (p, c) -> new PiecewiseConstantSchedule(Parameter.option(ScheduleUnit.class, p.get(UNIT)),
          p.get(BOUNDARIES).stream().map(Integer::longValue).toList(), p.get(VALUES)),
      UNIT, BOUNDARIES, VALUES);

  /** Copies the lists (values one longer than the strictly increasing boundaries, as the config package checks). */
  public PiecewiseConstantSchedule {
    if (unit == null) {
      throw new IllegalArgumentException("unit must be epochs or steps");
    }
    boundaries = List.copyOf(boundaries);
    values = List.copyOf(values);
  }

  @Override
  public double lr(int epoch, int step, int stepsPerEpoch) {
    long x =
        unit == ScheduleUnit.STEPS
            ? LearningRateSchedule.globalStep(epoch, step, stepsPerEpoch)
            : LearningRateSchedule.checkEpoch(epoch);
    int i = 0;
    while (i < boundaries.size() && x > boundaries.get(i)) {
      i++;
    }
    return values.get(i);
  }

  @Override
  public String name() {
    return "piecewise";
  }

  @Override
  public boolean perStep() {
    return unit == ScheduleUnit.STEPS;
  }

  @Override
  public String toString() {
    return Text.describe(name(), "unit", unit.key(), "boundaries", boundaries, "values", values);
  }
}
