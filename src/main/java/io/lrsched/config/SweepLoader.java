package io.lrsched.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.lrsched.config.SweepSettings.Axis;
import io.lrsched.config.SweepSettings.MedianStopping;
import io.lrsched.config.SweepSettings.RandomAxis;
import io.lrsched.config.SweepSettings.Range;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a sweep file: one {@code sweep} block (defaults in {@code reference.conf}) whose axes name experiment keys.
 * This checks the block's own shape; every trial's experiment is then validated as a whole by {@link
 * SettingsLoader}. Errors are one {@link ConfigError} line naming the file, key and value.
 */
public final class SweepLoader {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** Blocks whose keys are experiment keys chosen by the user, not keys of the reference. */
  private static final Set<String> FREE_BLOCKS =
      Set.of("sweep.set", "sweep.grid", "sweep.linked", "sweep.random.uniform", "sweep.random.log-uniform",
          "sweep.seeds");

  private static final ConfigRenderOptions CONCISE = ConfigRenderOptions.concise();

  private final Config reference;

  /** A loader with the {@code sweep} defaults of the {@code reference.conf} on the classpath. */
  public SweepLoader() {
    this.reference =
        ConfigFactory.parseResources(SweepLoader.class.getClassLoader(), "reference.conf")
            .resolve()
            .withOnlyPath("sweep");
  }

  /**
   * Reads and checks a sweep file.
   *
   * @param file the sweep file
   * @param overrides {@code key=value} strings: {@code sweep.*} keys change the sweep block, any other key is a
   *     value every trial gets (like the block {@code set})
   * @return the sweep's settings
   * @throws ConfigError one line naming the file, key and value at fault
   */
  public SweepSettings load(Path file, List<String> overrides) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigError(file + ": no such sweep file");
    }
    Config user;
    try {
      user = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new ConfigError(SettingsLoader.oneLine(e));
    }
    for (String key : user.root().keySet()) {
      if (!key.equals("sweep")) {
        throw new ConfigError(Checked.describe(user.root().get(key).origin()) + ": unknown key '" + key
            + "': a sweep file holds one block sweep { ... }; experiment values go in sweep.set, sweep.grid,"
            + " sweep.linked or sweep.random");
      }
    }
    for (String override : overrides) {
      user = applyOverride(user, override);
    }
    Config c;
    try {
      rejectUnknownKeys(user.root(), "");
      c = user.withFallback(reference).resolve();
    } catch (ConfigException e) {
      throw new ConfigError(SettingsLoader.oneLine(e));
    }
    return read(file, c);
  }

  private static Config applyOverride(Config user, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigError("--set " + override + ": expected key=value, e.g. --set training.epochs=3");
    }
    Config parsed;
    try {
      parsed = ConfigFactory.parseString(
          override, ConfigParseOptions.defaults().setOriginDescription("--set " + override));
    } catch (ConfigException e) {
      throw new ConfigError("--set " + override + ": not a valid key=value (" + SettingsLoader.oneLine(e) + ")");
    }
    if (parsed.hasPath("sweep")) {
      return parsed.withFallback(user);
    }
    // An experiment key: the same as writing it into the block `set`, so the saved sweep file shows it.
    for (Map.Entry<String, ConfigValue> entry : parsed.entrySet()) {
      String key = String.join(".", ConfigUtil.splitPath(entry.getKey()));
      user = user.withValue("sweep.set." + ConfigUtil.quoteString(key), entry.getValue());
    }
    return user;
  }

  private void rejectUnknownKeys(ConfigObject object, String prefix) {
    for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
      String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + ConfigUtil.joinPath(entry.getKey());
      if (!reference.hasPath(key)) {
        throw new ConfigError(Checked.describe(entry.getValue().origin()) + ": unknown key '" + key + "' (known here: "
            + String.join(", ", new TreeSet<>(reference.getConfig(prefix).root().keySet())) + ")");
      }
      if (!FREE_BLOCKS.contains(key) && entry.getValue() instanceof ConfigObject nested) {
        rejectUnknownKeys(nested, key);
      }
    }
  }

  private static SweepSettings read(Path file, Config c) {
    List<String> problems = new ArrayList<>();
    SweepSettings settings = read(file, c, new Checked(c, problems));
    if (!problems.isEmpty()) {
      throw new ConfigError(problems);
    }
    return settings;
  }

  /** Reads with {@code v}, which collects bad values; the block's structural mistakes are thrown at once. */
  private static SweepSettings read(Path file, Config c, Checked v) {
    String name = v.string("sweep.name");
    if (name.isEmpty()) {
      name = file.getFileName().toString().replaceFirst("\\.conf$", "");
    }
    if (!NAME.matcher(name).matches()) {
      throw new ConfigError(v.where("sweep.name") + ": sweep.name = \"" + name
          + "\": expected letters, digits, '.', '_' and '-', starting with a letter or digit");
    }
    Path experiment = null;
    String experimentText = v.string("sweep.experiment");
    if (!experimentText.isEmpty()) {
      Path parent = file.toAbsolutePath().getParent();
      experiment = parent.resolve(experimentText).normalize();
      if (!Files.isRegularFile(experiment)) {
        throw new ConfigError(v.where("sweep.experiment") + ": sweep.experiment = \"" + experimentText
            + "\": no such experiment file (" + experiment + "; relative to the sweep file)");
      }
    }

    Set<String> used = new HashSet<>();
    List<String> fixed = new ArrayList<>();
    values(c, "sweep.set").forEach((key, value) -> {
      claim(c, "sweep.set", key, used);
      fixed.add(key + "=" + value.render(CONCISE));
    });

    List<Axis> axes = new ArrayList<>();
    values(c, "sweep.grid").forEach((key, value) -> {
      claim(c, "sweep.grid", key, used);
      if (!(value instanceof ConfigList list) || list.isEmpty()) {
        throw wrong("sweep.grid", key, value, "a non-empty list of values [a, b, ...]");
      }
      List<Map<String, String>> points = new ArrayList<>();
      for (ConfigValue item : list) {
        points.add(Map.of(key, item.render(CONCISE)));
      }
      axes.add(new Axis(key, points));
    });
    ConfigObject linked = c.getObject("sweep.linked");
    for (String axisName : new TreeMap<>(linked).keySet()) {
      axes.add(linkedAxis(c, axisName, linked.get(axisName), used));
    }

    RandomAxis random = randomAxis(c, v, used);

    List<Long> seeds = new ArrayList<>();
    int initialSeeds = seeds(c, v, seeds);

    Duration leaseTimeout = positiveDuration(c, v, "sweep.lease-timeout");
    Duration heartbeat = positiveDuration(c, v, "sweep.heartbeat");
    if (heartbeat.multipliedBy(3).compareTo(leaseTimeout) > 0) {
      throw new ConfigError(v.where("sweep.heartbeat") + ": sweep.heartbeat = " + heartbeat.toSeconds()
          + "s: expected at most a third of sweep.lease-timeout (" + leaseTimeout.toSeconds()
          + "s), so that one late heartbeat never makes a live lease look stale");
    }
    MedianStopping median = null;
    if (v.bool("sweep.median-stopping.enabled")) {
      int minTrials = v.positiveInt("sweep.median-stopping.min-trials");
      if (!v.failed("sweep.median-stopping.min-trials") && minTrials < 3) {
        throw new ConfigError(v.where("sweep.median-stopping.min-trials") + ": sweep.median-stopping.min-trials = "
            + minTrials + ": expected an integer >= 3");
      }
      median = new MedianStopping(v.nonNegativeInt("sweep.median-stopping.grace-epochs"), minTrials);
    }
    String rendered = c.withOnlyPath("sweep").root()
        .render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false));
    return new SweepSettings(file, name, experiment, fixed, axes, random, seeds, initialSeeds, leaseTimeout,
        heartbeat, positiveDuration(c, v, "sweep.stall-timeout"), v.positiveInt("sweep.max-attempts"), median, rendered.strip() + "\n");
  }

  /**
   * Reads {@code sweep.seeds} into {@code seeds}: a list of distinct integers, all run; or adaptive, {@code { initial
   * = 3, max = 10 }}, seeds 1 to max of which the first initial always run.
   *
   * @return how many of the seeds always run
   */
  private static int seeds(Config c, Checked v, List<Long> seeds) {
    String expected = "a non-empty list of distinct integers, or { initial = 3, max = 10 } for adaptive seeds";
    if (c.getValue("sweep.seeds") instanceof ConfigObject adaptive) {
      Set<String> unknown = new TreeSet<>(adaptive.keySet());
      unknown.removeAll(Set.of("initial", "max"));
      if (!unknown.isEmpty() || !adaptive.containsKey("initial") || !adaptive.containsKey("max")) {
        throw new ConfigError(v.where("sweep.seeds") + ": sweep.seeds = " + adaptive.render(CONCISE) + ": expected "
            + expected);
      }
      int initial = v.integer("sweep.seeds.initial", 2);
      int max = v.positiveInt("sweep.seeds.max");
      if (!v.failed("sweep.seeds.initial") && !v.failed("sweep.seeds.max") && max < initial) {
        throw new ConfigError(v.where("sweep.seeds.max") + ": sweep.seeds.max = " + max
            + ": expected at least sweep.seeds.initial (" + initial + ")");
      }
      for (long seed = 1; seed <= max; seed++) {
        seeds.add(seed);
      }
      return initial;
    }
    try {
      seeds.addAll(c.getLongList("sweep.seeds"));
    } catch (ConfigException.WrongType e) {
      throw new ConfigError(v.where("sweep.seeds") + ": sweep.seeds = " + c.getValue("sweep.seeds").render(CONCISE)
          + ": expected " + expected);
    }
    if (seeds.isEmpty() || new HashSet<>(seeds).size() != seeds.size()) {
      throw new ConfigError(v.where("sweep.seeds") + ": sweep.seeds = " + seeds + ": expected " + expected);
    }
    return seeds.size();
  }

  private static Axis linkedAxis(Config c, String axisName, ConfigValue value, Set<String> used) {
    String where = "sweep.linked." + ConfigUtil.joinPath(axisName);
    if (!(value instanceof ConfigList list) || list.isEmpty()) {
      throw new ConfigError(Checked.describe(value.origin()) + ": " + where + " = " + value.render(CONCISE)
          + ": expected a non-empty list of entries [ { \"key\" = value, ... }, ... ]");
    }
    Set<String> axisKeys = new HashSet<>();
    List<Map<String, String>> points = new ArrayList<>();
    for (ConfigValue item : list) {
      if (!(item instanceof ConfigObject object) || object.isEmpty()) {
        throw new ConfigError(Checked.describe(item.origin()) + ": " + where + " entry " + item.render(CONCISE)
            + ": expected { \"key\" = value, ... }");
      }
      Map<String, String> point = new TreeMap<>();
      flatten(object.toConfig()).forEach((key, v) -> point.put(key, v.render(CONCISE)));
      axisKeys.addAll(point.keySet());
      points.add(point);
    }
    for (String key : new TreeSet<>(axisKeys)) {
      claim(c, where, key, used);
    }
    return new Axis(axisName, points);
  }

  private static RandomAxis randomAxis(Config c, Checked v, Set<String> used) {
    int samples = v.nonNegativeInt("sweep.random.samples");
    Map<String, Range> ranges = new TreeMap<>();
    for (String kind : List.of("uniform", "log-uniform")) {
      String block = "sweep.random." + kind;
      values(c, block).forEach((key, value) -> {
        claim(c, block, key, used);
        String expected = kind.equals("uniform") ? "[low, high] with low < high"
            : "[low, high] with 0 < low < high";
        if (!(value instanceof ConfigList list) || list.size() != 2
            || list.stream().anyMatch(x -> x.valueType() != ConfigValueType.NUMBER)) {
          throw wrong(block, key, value, expected);
        }
        double low = ((Number) list.get(0).unwrapped()).doubleValue();
        double high = ((Number) list.get(1).unwrapped()).doubleValue();
        boolean log = kind.equals("log-uniform");
        if (!(low < high) || !Double.isFinite(high) || (log && !(low > 0))) {
          throw wrong(block, key, value, expected);
        }
        ranges.put(key, new Range(low, high, log));
      });
    }
    if (samples > 0 && ranges.isEmpty()) {
      throw new ConfigError(v.where("sweep.random.samples") + ": sweep.random.samples = " + samples
          + ": expected ranges in sweep.random.uniform or sweep.random.log-uniform to draw from");
    }
    if (samples == 0 && !ranges.isEmpty()) {
      throw new ConfigError(v.where("sweep.random.samples") + ": sweep.random.samples = 0 but ranges are given for "
          + ranges.keySet() + ": expected the number of points to draw (>= 1)");
    }
    return samples == 0 ? null : new RandomAxis(samples, v.anyLong("sweep.random.seed"), ranges);
  }

  /** The block's entries by experiment key, in key order; quoted ("training.lr") and nested keys alike. */
  private static Map<String, ConfigValue> values(Config c, String block) {
    return flatten(c.getConfig(block));
  }

  private static Map<String, ConfigValue> flatten(Config block) {
    Map<String, ConfigValue> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : block.entrySet()) {
      String key = String.join(".", ConfigUtil.splitPath(e.getKey()));
      if (out.put(key, e.getValue()) != null) {
        throw new ConfigError(Checked.describe(e.getValue().origin()) + ": " + key
            + " is given twice (once quoted, once nested)");
      }
    }
    return out;
  }

  /** An experiment key may be set by one place only; the sweep itself owns the run's name, output and seed. */
  private static void claim(Config c, String block, String key, Set<String> used) {
    String where = Checked.describe(c.getValue(block).origin());
    if (key.equals("experiment.name") || key.startsWith("output.") || key.equals("output")) {
      throw new ConfigError(where + ": " + block + " sets " + key
          + ": the sweep names its trials and puts their run folders in the sweep folder; set output.dir in the"
          + " base experiment");
    }
    if (key.equals("experiment.seed")) {
      throw new ConfigError(where + ": " + block + " sets experiment.seed: use sweep.seeds = [1, 2, 3]");
    }
    if (!used.add(key)) {
      throw new ConfigError(where + ": " + block + " sets " + key
          + ", which another axis or sweep.set already sets: a key may vary along one axis only");
    }
  }

  private static ConfigError wrong(String block, String key, ConfigValue value, String expected) {
    return new ConfigError(Checked.describe(value.origin()) + ": " + block + ".\"" + key + "\" = "
        + value.render(CONCISE) + ": expected " + expected);
  }

  private static Duration positiveDuration(Config c, Checked v, String key) {
    Duration d;
    try {
      d = c.getDuration(key);
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw new ConfigError(v.where(key) + ": " + key + " = " + c.getValue(key).render(CONCISE)
          + ": expected a duration such as 30s, 10m or 2h");
    }
    if (d.isNegative() || d.isZero()) {
      throw new ConfigError(v.where(key) + ": " + key + " = " + c.getValue(key).render(CONCISE)
          + ": expected a duration > 0");
    }
    return d;
  }
}
