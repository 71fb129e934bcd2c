package io.lrsched.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A sweep file, read and checked: its axes as HOCON value texts (each {@code key=value} pair is an override that
 * {@link SettingsLoader#load(Path, List)} validates), and the settings of how its trials run.
 *
 * @param file the sweep file
 * @param name the sweep folder's name
 * @param experiment the base experiment file, or null for reference.conf alone
 * @param fixed {@code key=value} overrides every trial gets (the block {@code set} and the command's --set)
 * @param axes grid and linked axes; each point is a map of experiment key to HOCON value text
 * @param random the random axis, or null when there is none
 * @param seeds the values of {@code experiment.seed}: every one with a list, 1 to max with adaptive seeds
 * @param initialSeeds how many of the seeds every group runs; the rest are added in rounds while verdicts are
 *     undecided (all of them with a list of seeds)
 * @param leaseTimeout age of a heartbeat after which a lease is stale
 * @param heartbeat how often a lease holder renews its heartbeat
 * @param stallTimeout time without a finished averaging round after which a trial is stopped as a failed attempt
 * @param maxAttempts starts that may end in a failure or crash before a trial fails for good
 * @param medianStopping the median stopping rule, or null when it is off
 * @param rendered the resolved {@code sweep} block as HOCON, saved in the sweep folder
 */
public record SweepSettings(
    Path file,
    String name,
    Path experiment,
    List<String> fixed,
    List<Axis> axes,
    RandomAxis random,
    List<Long> seeds,
    int initialSeeds,
    Duration leaseTimeout,
    Duration heartbeat,
    Duration stallTimeout,
    int maxAttempts,
    MedianStopping medianStopping,
    String rendered) {

  /** Defensive copies. */
  public SweepSettings {
    fixed = List.copyOf(fixed);
    axes = List.copyOf(axes);
    seeds = List.copyOf(seeds);
  }

  /**
   * One axis of the cross product.
   *
   * @param name the grid key, or the linked axis' name
   * @param points the axis' values; each maps experiment keys to HOCON value texts
   */
  public record Axis(String name, List<Map<String, String>> points) {
    /** Defensive copies. */
    public Axis {
      points = points.stream().map(Map::copyOf).toList();
    }
  }

  /**
   * Randomly drawn points.
   *
   * @param samples how many points
   * @param seed the generator's seed
   * @param ranges per experiment key, its range; drawn in key order
   */
  public record RandomAxis(int samples, long seed, Map<String, Range> ranges) {
    /** Defensive copy. */
    public RandomAxis {
      ranges = Map.copyOf(ranges);
    }
  }

  /**
   * A range to draw from.
   *
   * @param low inclusive lower end
   * @param high exclusive upper end
   * @param logUniform whether the logarithm is uniform (else the value)
   */
  public record Range(double low, double high, boolean logUniform) {}

  /**
   * The median stopping rule.
   *
   * @param graceEpochs epochs always trained
   * @param minTrials completed trials needed before the rule acts
   */
  public record MedianStopping(int graceEpochs, int minTrials) {}
}
