package io.lrsched.results;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Settings as flat {@code key -> value} maps, and which of them differ from reference.conf or between runs. */
public final class SettingsDiff {

  /** Keys that name or place a run rather than change what it computes; never "what differs" between runs. */
  private static final List<String> NOT_SETTINGS = List.of("experiment.name", "output.");

  private SettingsDiff() {}

  /**
   * Every leaf of a configuration as {@code dotted.key -> value} (HOCON, concise: {@code "step"} as {@code step},
   * lists as {@code [1,1,1]}), sorted by key.
   *
   * @param hocon a resolved configuration, e.g. a run folder's {@code config.conf}
   */
  public static Map<String, String> flatten(String hocon) {
    return flatten(ConfigFactory.parseString(hocon).resolve());
  }

  static Map<String, String> flatten(Config config) {
    Map<String, String> flat = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
      flat.put(e.getKey(), render(e.getValue()));
    }
    return flat;
  }

  /**
   * The settings of a run that differ from reference.conf (the name is left out: it is the run's own field).
   *
   * @param rendered the run's resolved configuration
   */
  public static Map<String, String> fromReference(String rendered) {
    Map<String, String> reference =
        flatten(ConfigFactory.parseResources(SettingsDiff.class.getClassLoader(), "reference.conf").resolve());
    Map<String, String> differing = new TreeMap<>();
    flatten(rendered).forEach((key, value) -> {
      if (!key.equals("experiment.name") && !value.equals(reference.get(key))) {
        differing.put(key, value);
      }
    });
    return differing;
  }

  /**
   * The keys whose values are not the same in all runs (a key missing from some runs counts as different), leaving
   * out the run's name and output settings.
   *
   * @param runs each run's flat settings
   * @return the keys, sorted
   */
  public static Set<String> differingKeys(Collection<Map<String, String>> runs) {
    Set<String> all = new java.util.TreeSet<>();
    runs.forEach(r -> all.addAll(r.keySet()));
    Set<String> differing = new LinkedHashSet<>();
    for (String key : all) {
      if (NOT_SETTINGS.stream().anyMatch(key::startsWith)) {
        continue;
      }
      String first = runs.iterator().next().get(key);
      if (runs.stream().anyMatch(r -> !Objects.equals(first, r.get(key)))) {
        differing.add(key);
      }
    }
    return differing;
  }

  private static String render(ConfigValue value) {
    Object unwrapped = value.unwrapped();
    return unwrapped instanceof String s ? s : value.render(ConfigRenderOptions.concise());
  }
}
