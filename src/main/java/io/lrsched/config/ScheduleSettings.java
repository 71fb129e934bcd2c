package io.lrsched.config;

import io.lrsched.schedule.ScheduleParameters;
import java.io.Serializable;

/**
 * The learning-rate schedule as configured and validated: the active type with its own parameters, and the two
 * wrappers that apply to any type. Only the active type's block is here; the other blocks were checked for unknown
 * keys and value types only.
 *
 * @param type the schedule's registered name
 * @param parameters the active type's parameters ({@code schedule.<type>.<key>}), validated, with {@code auto}
 *     resolved for {@code training.lr} and {@code training.epochs}
 * @param warmup {@code schedule.warmup}
 * @param linearScaling {@code schedule.linear-scaling}
 */
public record ScheduleSettings(String type, ScheduleParameters parameters, Warmup warmup,
    LinearScaling linearScaling) implements Serializable {

  /**
   * A linear warmup in front of the schedule; off while both lengths are 0, at most one above 0.
   *
   * @param epochs warmup length in epochs
   * @param steps warmup length in global steps
   * @param startFactor factor at the start of the warmup, in (0, 1]
   */
  public record Warmup(int epochs, int steps, double startFactor) implements Serializable {}

  /**
   * The linear scaling rule.
   *
   * @param enabled whether it applies
   * @param warmupEpochs epochs over which the factor rises from 1 to the number of workers
   */
  public record LinearScaling(boolean enabled, int warmupEpochs) implements Serializable {}
}
