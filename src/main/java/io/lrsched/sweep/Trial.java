package io.lrsched.sweep;

import io.lrsched.config.ExperimentSettings;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One trial of a sweep: an experiment, validated, with the values the sweep's axes gave it.
 *
 * @param id stable id: a hash of the resolved configuration (not of the trial's place in the sweep file)
 * @param group id of the trial's group: the same hash without {@code experiment.seed}; trials of one group differ
 *     only in the seed and are the repetitions the statistics compare
 * @param seed the trial's {@code experiment.seed}
 * @param values the axis values of this trial by experiment key, as HOCON text (without the seed)
 * @param settings the experiment, named after the trial, its run folder inside the sweep folder
 */
public record Trial(String id, String group, long seed, Map<String, String> values, ExperimentSettings settings) {

  /** Sorted defensive copy. */
  public Trial {
    values = Map.copyOf(values);
  }

  /** The axis values as {@code key=value} pairs in key order (strings unquoted), e.g. {@code schedule.type=step}. */
  public String describe() {
    StringJoiner out = new StringJoiner(" ");
    new TreeMap<>(values).forEach((k, v) -> out.add(k + "=" + unquote(v)));
    return out.toString();
  }

  /** A HOCON string value without its quotes; other values as written. */
  static String unquote(String hocon) {
    if (hocon.length() >= 2 && hocon.startsWith("\"") && hocon.endsWith("\"")) {
      return hocon.substring(1, hocon.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return hocon;
  }
}
