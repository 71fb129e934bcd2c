package io.lrsched.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.lrsched.schedule.ScheduleRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Reads one experiment: {@code --set} overrides, then the experiment file, then {@code reference.conf}. Every key is
 * checked against the reference (unknown keys are errors, not silently ignored), every value is type- and
 * range-checked, and the result is an immutable {@link ExperimentSettings}. All errors are {@link ConfigError}s
 * raised here, before Spark starts ("all exceptions at construct time").
 */
public final class SettingsLoader {

  /** Sections in the order a reader needs them, for the echo and the saved config. */
  private static final List<String> SECTIONS =
      List.of("experiment", "data", "model", "training", "schedule", "lr-finder", "output");

  private static final String NOT_A_BLOCK = ": expected a block of settings { ... }";

  private static final Set<String> DATA_SOURCES = Set.of("synthetic", "cifar-binary", "image-folder", "table");

  private static final Set<String> RESIZE_MODES = Set.of("reject", "stretch", "center-crop", "pad");

  /** Side of a CIFAR-10 image in pixels. */
  private static final int CIFAR_SIDE = 32;

  private final Config reference;

  /**
   * A loader whose defaults are the {@code reference.conf} on the classpath (parsed as is: unlike
   * {@code ConfigFactory.defaultReference()}, without system properties mixed in).
   */
  public SettingsLoader() {
    this(ConfigFactory.parseResources(SettingsLoader.class.getClassLoader(), "reference.conf").resolve());
  }

  SettingsLoader(Config reference) {
    this.reference = reference;
  }

  /**
   * Loads and validates an experiment for a command that reads its data.
   *
   * @param experimentFile the experiment's HOCON file, or null for the defaults alone
   * @param overrides {@code key=value} strings (HOCON syntax), applied last
   * @return the validated settings
   * @throws ConfigError every problem found, one line each naming the file and line (or the --set), key and value
   */
  public ExperimentSettings load(Path experimentFile, List<String> overrides) {
    return load(experimentFile, overrides, true);
  }

  /**
   * Loads and validates an experiment.
   *
   * @param needsData whether the command reads the data set (then {@code data.path} must name it); plotting a
   *     schedule, for one, does not
   * @see #load(Path, List)
   */
  public ExperimentSettings load(Path experimentFile, List<String> overrides, boolean needsData) {
    return experimentFile == null
        ? load(ConfigFactory.empty(), "reference.conf", overrides, needsData)
        : load(parseFile(experimentFile), experimentFile.toString(), overrides, needsData);
  }

  /**
   * Loads and validates a configuration recorded as text, such as a run folder's {@code config.conf} (which may
   * live on any Hadoop file system, so it is read by the caller).
   *
   * @param hocon the configuration's text
   * @param source where it came from, for messages and {@link ExperimentSettings#source()}
   * @param overrides {@code key=value} strings (HOCON syntax), applied last
   * @return the validated settings
   * @throws ConfigError every problem found, one line each naming the source, key and value at fault
   */
  public ExperimentSettings loadText(String hocon, String source, List<String> overrides) {
    Config recorded;
    try {
      recorded = ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription(source));
    } catch (ConfigException e) {
      throw new ConfigError(oneLine(e));
    }
    return load(recorded, source, overrides, true);
  }

  private ExperimentSettings load(Config experiment, String source, List<String> overrides, boolean needsData) {
    Config user = ConfigFactory.empty();
    for (String override : overrides) {
      user = parseOverride(override).withFallback(user);
    }
    user = user.withFallback(experiment);
    List<String> problems = new ArrayList<>();
    Config merged;
    try {
      rejectUnknownKeys(user.root(), "", problems);
      merged = user.withFallback(reference).resolve();
    } catch (ConfigException e) {
      problems.add(oneLine(e));
      throw new ConfigError(problems);
    }
    if (problems.stream().anyMatch(p -> p.contains(NOT_A_BLOCK))) {
      throw new ConfigError(problems); // a value where a block belongs: the section cannot be read
    }
    ExperimentSettings settings = read(merged, source, needsData, problems);
    if (!problems.isEmpty()) {
      throw new ConfigError(problems);
    }
    return settings;
  }

  private static Config parseOverride(String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigError("--set " + override + ": expected key=value, e.g. --set training.epochs=3");
    }
    try {
      return ConfigFactory.parseString(
          override, ConfigParseOptions.defaults().setOriginDescription("--set " + override));
    } catch (ConfigException e) {
      throw new ConfigError("--set " + override + ": not a valid key=value (" + oneLine(e) + ")");
    }
  }

  private static Config parseFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigError(file + ": no such experiment file");
    }
    try {
      return ConfigFactory.parseFile(
          file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new ConfigError(oneLine(e));
    }
  }

  /**
   * Walks the user's settings as written (before substitutions such as {@code ${?LRSCHED_CIFAR10}} resolve) and
   * rejects every key the reference does not have.
   */
  private void rejectUnknownKeys(ConfigObject object, String prefix, List<String> problems) {
    for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
      String key = prefix.isEmpty() ? ConfigUtil.joinPath(entry.getKey()) : prefix + "." + ConfigUtil.joinPath(
          entry.getKey());
      String section = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
      if (!SECTIONS.contains(section) || !reference.hasPathOrNull(key)) {
        problems.add(origin(entry.getValue()) + ": unknown key '" + key + "'" + knownKeysHint(key));
        continue;
      }
      boolean referenceIsBlock = reference.getValue(key).valueType() == ConfigValueType.OBJECT;
      if (entry.getValue() instanceof ConfigObject nested && isResolvedObject(nested)) {
        if (referenceIsBlock) {
          rejectUnknownKeys(nested, key, problems);
        }
      } else if (referenceIsBlock && isPlainValue(entry.getValue())) {
        problems.add(
            origin(entry.getValue()) + ": " + key + " = " + entry.getValue().render(ConfigRenderOptions.concise())
                + NOT_A_BLOCK + knownKeysHint(key + ".x"));
      }
    }
  }

  /** An object whose keys can be listed now (not a merge that waits for substitutions). */
  private static boolean isResolvedObject(ConfigObject object) {
    try {
      object.keySet();
      return true;
    } catch (ConfigException.NotResolved e) {
      return false;
    }
  }

  /** A value that is certainly not a block: a number, string, boolean or list (not a pending substitution). */
  private static boolean isPlainValue(ConfigValue value) {
    try {
      return value.valueType() != ConfigValueType.OBJECT;
    } catch (ConfigException.NotResolved e) {
      return false;
    }
  }

  private String knownKeysHint(String key) {
    int dot = key.lastIndexOf('.');
    String parent = dot < 0 ? "" : key.substring(0, dot);
    Set<String> siblings =
        parent.isEmpty() ? Set.copyOf(SECTIONS) : reference.hasPath(parent)
            && reference.getValue(parent).valueType() == ConfigValueType.OBJECT
            ? reference.getConfig(parent).root().keySet() : Set.of();
    if (siblings.isEmpty()) {
      return "";
    }
    StringJoiner known = new StringJoiner(", ", " (known here: ", ")");
    siblings.stream().sorted().forEach(known::add);
    return known.toString();
  }

  private ExperimentSettings read(Config c, String source, boolean needsData, List<String> problems) {
    Checked v = new Checked(c, problems);
    String name = v.nonEmptyString("experiment.name");
    long seed = v.anyLong("experiment.seed");

    String dataSource = v.oneOf("data.source", DATA_SOURCES);
    String path = v.string("data.path");
    if (needsData && !dataSource.equals("synthetic") && path.isBlank() && !v.failed("data.path")) {
      v.wrong("data.path", dataSource.equals("table")
          ? "the table's path, or its name with data.table.format = catalog, as data.source = table needs one"
          : "the folder or .tar.gz of the data set, as data.source = " + dataSource
              + " needs one (conf/cifar10.conf reads LRSCHED_CIFAR10)");
    }
    TableSettings table =
        new TableSettings(
            v.nonEmptyString("data.table.format"),
            v.string("data.table.test-path"),
            v.nonEmptyString("data.table.image-column"),
            v.nonEmptyString("data.table.label-column"),
            v.nonEmptyString("data.table.key-column"),
            v.nonEmptyString("data.table.split-column"),
            v.distinctStringList("data.table.classes"));
    DataSettings data =
        new DataSettings(
            dataSource,
            path,
            v.nonNegativeInt("data.train-subset"),
            v.nonNegativeInt("data.test-subset"),
            v.nonNegativeInt("data.partitions"),
            v.positiveInt("data.synthetic.train-size"),
            v.positiveInt("data.synthetic.test-size"),
            v.positiveInt("data.synthetic.classes"),
            v.positiveInt("data.image-size"),
            v.oneOf("data.resize", RESIZE_MODES),
            v.oneOf("data.on-bad-image", Set.of("fail", "skip")).equals("skip"),
            v.oneOf("data.normalize", Set.of("unit", "standardize")),
            v.bool("data.augment"),
            v.nonNegativeInt("data.augment-padding"),
            v.real("data.validation-split", d -> d >= 0 && d < 1, "a fraction in [0, 1): 0 validates on the test"
                + " split, e.g. 0.1 holds out 10% of every class's training images"),
            table);
    if (!v.failed("data.synthetic.classes") && (data.syntheticClasses() < 2 || data.syntheticClasses() > 256)) {
      v.wrong("data.synthetic.classes", "2 to 256");
    }
    if (dataSource.equals("cifar-binary") && data.imageSize() != CIFAR_SIDE && data.resize().equals("reject")
        && !v.failed("data.image-size") && !v.failed("data.resize")) {
      v.wrong("data.image-size", CIFAR_SIDE + " for cifar-binary (its images are " + CIFAR_SIDE + "x" + CIFAR_SIDE
          + "), or data.resize = stretch, center-crop or pad to resize them");
    }

    List<Integer> stages = v.positiveIntList("model.stages");
    List<Integer> filters = v.positiveIntList("model.filters");
    if (!v.failed("model.stages") && stages.size() != 3) {
      v.wrong("model.stages", "3 entries (the tutorial's ResNet has three stages)");
    }
    if (!v.failed("model.stages") && !v.failed("model.filters") && filters.size() != stages.size() + 1) {
      v.wrong("model.filters", (stages.size() + 1) + " entries (the stem, then one per stage)");
    }
    if (!v.failed("model.filters") && filters.stream().skip(1).anyMatch(f -> f % 4 != 0)) {
      v.wrong("model.filters", "stage filters that are multiples of 4 (bottlenecks use K/4)");
    }
    ModelSettings model =
        new ModelSettings(
            stages,
            filters,
            v.nonNegativeDouble("model.l2.module"),
            v.nonNegativeDouble("model.l2.stem"),
            v.nonNegativeDouble("model.l2.dense"),
            v.positiveDouble("model.batch-norm.epsilon"),
            v.doubleInOpenUnit("model.batch-norm.momentum"),
            v.oneOf("model.data-format", Set.of("auto", "nchw", "nhwc")));

    TrainingSettings training =
        new TrainingSettings(
            v.positiveInt("training.epochs"),
            v.positiveInt("training.batch-size"),
            v.positiveDouble("training.lr"),
            v.doubleInHalfOpenUnit("training.momentum"),
            v.nonNegativeInt("training.workers"),
            v.positiveInt("training.averaging-frequency"),
            v.nonNegativeInt("training.worker-prefetch"),
            v.bool("training.save-updater"),
            v.real("training.divergence.loss-factor", d -> d == 0 || d > 1,
                "0 (off) or a factor > 1 of the first epoch's training loss"));

    ScheduleSettings schedule =
        new ScheduleReader(c, reference, v).read(
            v.failed("training.lr") ? Double.NaN : training.lr(),
            v.failed("training.epochs") ? -1 : training.epochs());

    OutputSettings output =
        new OutputSettings(
            v.nonEmptyString("output.dir"),
            v.fileName("output.lr-plot"),
            v.fileName("output.train-plot"),
            v.positiveInt("output.checkpoint-every"),
            v.positiveInt("output.keep-checkpoints"),
            v.bool("output.keep-best"));

    String f = "lr-finder.";
    double minLr = v.positiveDouble(f + "min-lr");
    LrFinderSettings lrFinder =
        new LrFinderSettings(
            minLr,
            v.real(f + "max-lr", d -> d > minLr, "a number > min-lr (" + minLr + ")"),
            v.integer(f + "batches", 2),
            v.doubleInHalfOpenUnit(f + "smoothing"),
            v.real(f + "stop-factor", d -> d > 1, "a number > 1"));

    return new ExperimentSettings(
        name, seed, data, model, training, schedule, output, lrFinder, source, render(c));
  }

  /** The resolved configuration, section by section in reading order, as HOCON without comments. */
  static String render(Config c) {
    ConfigRenderOptions options =
        ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false);
    StringBuilder out = new StringBuilder();
    for (String section : SECTIONS) {
      out.append(c.withOnlyPath(section).root().render(options).strip()).append('\n');
    }
    return out.toString();
  }

  /**
   * The parameters that act, section by section in reading order, for the start-of-run echo (formatted by
   * {@code io.lrsched.report.SettingsEcho}).
   *
   * @param settings the settings to list
   * @return section name to its keys (sorted) and their values rendered as HOCON
   */
  public static Map<String, Map<String, String>> activeParameters(ExperimentSettings settings) {
    Config c = ConfigFactory.parseString(settings.rendered());
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    for (String section : SECTIONS) {
      Config sectionConfig = c.getConfig(section);
      if (section.equals("schedule")) {
        sectionConfig = activeSchedule(sectionConfig);
      }
      Map<String, String> values = new TreeMap<>();
      sectionConfig.entrySet().forEach(e -> values.put(e.getKey(), e.getValue().render(ConfigRenderOptions.concise())));
      sections.put(section, values);
    }
    return sections;
  }

  /** Only the parameters that act: the type, its own block, and the wrappers that apply to any schedule. */
  private static Config activeSchedule(Config schedule) {
    String type = schedule.getString("type");
    Config active = ConfigFactory.empty().withValue("type", schedule.getValue("type"));
    for (String key : schedule.root().keySet()) {
      boolean own = key.equals(type);
      boolean wrapper = ScheduleRegistry.WRAPPERS.contains(key);
      if (own || wrapper) {
        active = active.withValue(key, schedule.getValue(key));
      }
    }
    return active;
  }

  private static String origin(ConfigValue value) {
    return Checked.describe(value.origin());
  }

  static String oneLine(ConfigException e) {
    return e.getMessage().replace('\n', ' ').strip();
  }
}
