package io.lrsched.results;

import io.lrsched.report.AppliedLrCurve;
import io.lrsched.report.EpochMetrics;
import io.lrsched.report.MetricsCsv;
import io.lrsched.storage.RunFolder;
import java.util.List;
import java.util.Map;

/**
 * What a finished or running run left in its folder, read back for comparison.
 *
 * @param id the folder's name
 * @param uri the folder's URI
 * @param settings the resolved configuration, flat
 * @param history the epochs in {@code metrics.csv}
 * @param applied the applied learning rates in {@code lr-applied.csv} (per epoch from metrics.csv when absent)
 * @param wallSeconds from {@code run.json} when present, else the sum of the epochs' seconds
 * @param status from {@code run.json} when present, else "unknown"
 */
public record RunData(
    String id,
    String uri,
    Map<String, String> settings,
    List<EpochMetrics> history,
    List<AppliedLrCurve.Step> applied,
    double wallSeconds,
    String status) {

  static final String CONFIG = "config.conf";
  static final String METRICS = "metrics.csv";
  static final String LR_APPLIED = "lr-applied.csv";

  /**
   * Reads a run folder.
   *
   * @throws IllegalArgumentException naming the file, if one of the run's files cannot be parsed
   * @throws io.lrsched.storage.StorageException if a required file cannot be read
   */
  public static RunData read(RunFolder folder) {
    String where = folder.uri() + "/";
    List<EpochMetrics> history;
    try {
      history = MetricsCsv.parse(folder.readText(METRICS));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + METRICS + ": " + e.getMessage(), e);
    }
    Map<String, String> settings;
    try {
      settings = SettingsDiff.flatten(folder.readText(CONFIG));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(where + CONFIG + ": not a readable configuration: " + e.getMessage(), e);
    }
    List<AppliedLrCurve.Step> applied = List.of();
    if (folder.exists(LR_APPLIED)) {
      try {
        applied = AppliedLrCurve.parseCsv(folder.readText(LR_APPLIED));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + LR_APPLIED + ": " + e.getMessage(), e);
      }
    }
    if (applied.isEmpty()) {
      applied = AppliedLrCurve.perEpoch(history);
    }
    double wall = history.stream().mapToDouble(EpochMetrics::seconds).sum();
    String status = "unknown";
    if (folder.exists(RunRecord.FILE)) {
      try {
        RunRecord record = RunRecord.parse(folder.readText(RunRecord.FILE));
        wall = record.wallSeconds();
        status = record.status();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + RunRecord.FILE + ": " + e.getMessage(), e);
      }
    }
    return new RunData(folder.name(), folder.uri(), settings, history, applied, wall, status);
  }

  /** The last epoch, or null when none has finished. */
  public EpochMetrics last() {
    return history.isEmpty() ? null : history.get(history.size() - 1);
  }

  /** The epoch with the highest val_accuracy, or null when none has finished. */
  public EpochMetrics best() {
    return history.stream().filter(m -> !Double.isNaN(m.valAccuracy()))
        .max((a, b) -> Double.compare(a.valAccuracy(), b.valAccuracy())).orElse(last());
  }
}
