package io.lrsched.results;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's entry in the run index: the {@code run.json} file in its folder, one line of JSON (so that Spark reads a
 * folder of them with {@code spark.read.json(".../*}{@code /run.json")} without {@code multiLine}).
 *
 * @param name the experiment's name ({@code experiment.name})
 * @param id the run folder's name, unique under its output folder
 * @param folder the run folder's URI
 * @param status {@code running}, {@code done}, {@code failed} or {@code diverged}
 * @param started ISO-8601 instant the run started
 * @param updated ISO-8601 instant this record was written
 * @param ended ISO-8601 instant the run ended, null while running
 * @param schedule {@code schedule.type}
 * @param settings the settings that differ from reference.conf, flat keys, values as HOCON text
 * @param epochs epochs the run is configured for
 * @param epochsDone epochs finished
 * @param last the last finished epoch's metrics (epoch, lr, loss, accuracy, val_loss, val_accuracy), empty before
 *     the first epoch ends
 * @param best the epoch with the highest val_accuracy (epoch, val_accuracy, val_loss), empty before the first
 * @param wallSeconds seconds from start to this record (to the end, once ended)
 * @param version the program's version
 * @param commit the git commit the program was built from
 * @param resumedFrom where the run resumed from (checkpoint URI and epoch), null for a run that never resumed
 * @param error the failure's message for a failed run, where it diverged for a diverged one, else null
 * @param validation what the val_* figures were measured on: {@code test split} (the tutorial's way) or {@code
 *     held out: F of the training images} ({@code data.validation-split})
 * @param test with a held-out validation set, the test split's figures of the last and best model (last_epoch,
 *     last_test_loss, last_test_accuracy, best_epoch, best_test_loss, best_test_accuracy) once the run is done;
 *     otherwise empty (val_* are the test figures)
 */
public record RunRecord(
    String name,
    String id,
    String folder,
    String status,
    String started,
    String updated,
    String ended,
    String schedule,
    Map<String, String> settings,
    int epochs,
    int epochsDone,
    Map<String, Double> last,
    Map<String, Double> best,
    double wallSeconds,
    String version,
    String commit,
    String resumedFrom,
    String error,
    String validation,
    Map<String, Double> test) {

  /** The file's name in a run folder. */
  public static final String FILE = "run.json";

  public static final String RUNNING = "running";
  public static final String DONE = "done";
  public static final String FAILED = "failed";
  /** Stopped because the training loss became NaN, infinite or exploded ({@code training.divergence.*}). */
  public static final String DIVERGED = "diverged";

  /** {@link #validation()} of a run whose val_* figures are of the test split. */
  public static final String TEST_SPLIT = "test split";

  public RunRecord {
    settings = Map.copyOf(settings);
    last = Map.copyOf(last);
    best = Map.copyOf(best);
    test = Map.copyOf(test);
  }

  /** The record as one line of JSON (NaN metrics, which JSON cannot hold, become null), with a newline. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("id", id);
    m.put("folder", folder);
    m.put("status", status);
    m.put("started", started);
    m.put("updated", updated);
    m.put("ended", ended);
    m.put("schedule", schedule);
    m.put("settings", new TreeMap<>(settings));
    m.put("epochs", epochs);
    m.put("epochs_done", epochsDone);
    m.put("last", finite(last));
    m.put("best", finite(best));
    m.put("wall_seconds", wallSeconds);
    m.put("version", version);
    m.put("commit", commit);
    m.put("resumed_from", resumedFrom);
    m.put("error", error);
    m.put("validation", validation);
    m.put("test", finite(test));
    return ConfigValueFactory.fromMap(m).render(ConfigRenderOptions.concise()) + "\n";
  }

  /**
   * Reads a record written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException if the text is not such a record
   */
  public static RunRecord parse(String json) {
    try {
      Config c = ConfigFactory.parseString(json);
      return new RunRecord(
          c.getString("name"), c.getString("id"), c.getString("folder"), c.getString("status"),
          c.getString("started"), c.getString("updated"), nullable(c, "ended"), c.getString("schedule"),
          strings(c, "settings"), c.getInt("epochs"), c.getInt("epochs_done"), numbers(c, "last"),
          numbers(c, "best"), c.getDouble("wall_seconds"), c.getString("version"), c.getString("commit"),
          nullable(c, "resumed_from"), nullable(c, "error"),
          // Records written before validation could be held out validated on the test split.
          c.hasPath("validation") ? c.getString("validation") : TEST_SPLIT,
          c.hasPath("test") ? numbers(c, "test") : Map.of());
    } catch (ConfigException e) {
      throw new IllegalArgumentException("not a run record: " + e.getMessage().replace('\n', ' '), e);
    }
  }

  private static Map<String, Object> finite(Map<String, Double> metrics) {
    Map<String, Object> out = new TreeMap<>();
    // The epoch is a count: written as one (10, not 10.0), so that a reader of the JSON sees what it means.
    metrics.forEach((k, v) -> out.put(k, !Double.isFinite(v) ? null
        : k.equals("epoch") || k.endsWith("_epoch") ? (Object) v.longValue() : v));
    return out;
  }

  private static String nullable(Config c, String key) {
    return c.getIsNull(key) ? null : c.getString(key);
  }

  private static Map<String, String> strings(Config c, String key) {
    Map<String, String> out = new TreeMap<>();
    c.getObject(key).forEach((k, v) -> out.put(k, String.valueOf(v.unwrapped())));
    return out;
  }

  private static Map<String, Double> numbers(Config c, String key) {
    Map<String, Double> out = new TreeMap<>();
    c.getObject(key).forEach((k, v) -> out.put(k, v.unwrapped() instanceof Number n ? n.doubleValue() : Double.NaN));
    return out;
  }
}
