package io.lrsched.sweep;

import io.lrsched.config.ConfigError;
import io.lrsched.config.ConfigIdentity;
import io.lrsched.config.ExperimentSettings;
import io.lrsched.config.SettingsLoader;
import io.lrsched.config.SweepSettings;
import io.lrsched.config.SweepSettings.Axis;
import io.lrsched.config.SweepSettings.Range;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Expands a sweep into its trials: the cross product of the grid and linked axes, the random points and the seeds,
 * each trial's experiment validated as a whole by {@link SettingsLoader} (settings and schedule) before anything runs.
 *
 * @param sweep the sweep's settings
 * @param folderUri the sweep folder: {@code <output.dir>/<sweep name>} of the base experiment
 * @param trials the trials, in a fixed order (axes in key order, then seeds)
 */
public record SweepPlan(SweepSettings sweep, String folderUri, List<Trial> trials) {

  /** Length of a trial or group id in hex digits (48 bits: collisions are negligible for any real sweep). */
  static final int ID_LENGTH = 12;

  /** The seed's key in an experiment. */
  static final String SEED_KEY = "experiment.seed";

  /** Defensive copy. */
  public SweepPlan {
    trials = List.copyOf(trials);
  }

  /**
   * Expands and validates every trial.
   *
   * @param sweep the sweep file's settings
   * @return the plan
   * @throws ConfigError naming the sweep file, the trial's values and the key at fault
   */
  public static SweepPlan expand(SweepSettings sweep) {
    SettingsLoader loader = new SettingsLoader();
    List<Map<String, String>> points = points(sweep);
    String folder = null;
    List<Trial> trials = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (Map<String, String> point : points) {
      List<String> overrides = new ArrayList<>(sweep.fixed());
      point.forEach((k, v) -> overrides.add(k + "=" + v));
      ExperimentSettings settings = validate(sweep, loader, overrides, point);
      String id = hash(ConfigIdentity.of(settings, true));
      String group = hash(ConfigIdentity.of(settings, false));
      String description = describe(point);
      String earlier = seen.putIfAbsent(id, description);
      if (earlier != null) {
        throw new ConfigError(sweep.file() + ": the trials " + earlier + " and " + description
            + " are the same experiment: remove the repeated value");
      }
      if (folder == null) {
        folder = stripSlash(settings.output().dir()) + "/" + sweep.name();
      }
      overrides.add("experiment.name=" + id);
      overrides.add("output.dir=" + quote(SweepFolder.trialFolder(folder, id)));
      ExperimentSettings placed = loader.load(sweep.experiment(), overrides);
      Map<String, String> values = new TreeMap<>(point);
      values.remove(SEED_KEY);
      trials.add(new Trial(id, group, placed.seed(), values, placed));
    }
    return new SweepPlan(sweep, folder, trials);
  }

  private static ExperimentSettings validate(
      SweepSettings sweep, SettingsLoader loader, List<String> overrides, Map<String, String> point) {
    try {
      return loader.load(sweep.experiment(), overrides);
    } catch (ConfigError e) {
      String trial = sweep.file() + ": trial " + describe(point) + ": ";
      throw new ConfigError(e.problems().stream().map(problem -> trial + problem).toList());
    }
  }

  /** Every point of the cross product, each a map of experiment key to HOCON value text. */
  static List<Map<String, String>> points(SweepSettings sweep) {
    List<Map<String, String>> points = List.of(Map.of());
    for (Axis axis : sweep.axes()) {
      points = cross(points, axis.points());
    }
    if (sweep.random() != null) {
      points = cross(points, randomPoints(sweep.random()));
    }
    List<Map<String, String>> seeds = sweep.seeds().stream().map(s -> Map.of(SEED_KEY, Long.toString(s))).toList();
    return cross(points, seeds);
  }

  private static List<Map<String, String>> cross(List<Map<String, String>> left, List<Map<String, String>> right) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, String> l : left) {
      for (Map<String, String> r : right) {
        Map<String, String> point = new LinkedHashMap<>(l);
        point.putAll(r);
        out.add(point);
      }
    }
    return out;
  }

  /**
   * The random points: for each, every key (in key order) draws from its range. {@link SplittableRandom}'s
   * algorithm is specified, so a seed gives the same points on every JVM.
   */
  static List<Map<String, String>> randomPoints(SweepSettings.RandomAxis random) {
    SplittableRandom rng = new SplittableRandom(random.seed());
    List<Map<String, String>> points = new ArrayList<>();
    for (int i = 0; i < random.samples(); i++) {
      Map<String, String> point = new TreeMap<>();
      for (Map.Entry<String, Range> e : new TreeMap<>(random.ranges()).entrySet()) {
        Range r = e.getValue();
        double u = rng.nextDouble();
        double value = r.logUniform()
            ? Math.exp(Math.log(r.low()) + u * (Math.log(r.high()) - Math.log(r.low())))
            : r.low() + u * (r.high() - r.low());
        point.put(e.getKey(), Double.toString(value));
      }
      points.add(point);
    }
    return points;
  }

  static String describe(Map<String, String> point) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(point).forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(", ", parts);
  }

  /** The first {@link #ID_LENGTH} hex digits of the SHA-256 of the text. */
  static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, ID_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  private static String stripSlash(String dir) {
    return dir.endsWith("/") && dir.length() > 1 ? dir.substring(0, dir.length() - 1) : dir;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
