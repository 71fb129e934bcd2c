package io.lrsched.config;

import java.io.Serializable;
import java.util.Map;

/**
 * The learning-rate schedule as configured: its name and the whole {@code schedule} block as plain values
 * (numbers, strings, booleans, lists, maps), which the schedule registry interprets and validates.
 *
 * @param type the schedule's registered name
 * @param block every key of the {@code schedule} block, unwrapped
 */
public record ScheduleSettings(String type, Map<String, Object> block) implements Serializable {
  /** Defensive copy keeps the record immutable. */
  public ScheduleSettings {
    block = Map.copyOf(block);
  }
}
