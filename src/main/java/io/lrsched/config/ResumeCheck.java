package io.lrsched.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which settings a resumed run may change: those that do not change its result. A run continues with its own
 * recorded configuration; it may be extended ({@code training.epochs}), its prefetching tuned, its output files and
 * checkpointing changed. Anything else (model, data, schedule, batch, workers, seed) would make the resumed epochs
 * those of a different experiment.
 */
public final class ResumeCheck {
  private ResumeCheck() {}

  /** Whether a key may differ between a run's recorded configuration and its resumption. */
  static boolean mayChange(String key) {
    return key.equals("training.epochs") || key.equals("training.worker-prefetch") || key.startsWith("output.")
        || key.equals("experiment.name");
  }

  /**
   * The keys whose values differ and that change the result.
   *
   * @param recorded the run's recorded configuration
   * @param requested the configuration asked for now
   * @return sorted keys, empty when the run may continue with {@code requested}
   */
  public static List<String> resultKeysChanged(ExperimentSettings recorded, ExperimentSettings requested) {
    Map<String, String> a = flatten(recorded.rendered());
    Map<String, String> b = flatten(requested.rendered());
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    List<String> changed = new ArrayList<>();
    for (String key : keys) {
      if (!mayChange(key) && !String.valueOf(a.get(key)).equals(String.valueOf(b.get(key)))) {
        changed.add(key);
      }
    }
    return changed;
  }

  private static Map<String, String> flatten(String rendered) {
    Config c = ConfigFactory.parseString(rendered);
    Map<String, String> flat = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
      flat.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
    }
    return flat;
  }
}
