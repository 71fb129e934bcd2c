package io.lrsched.sweep;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trial's state record (versions {@code trials/<id>/state-g<lease>-v<n>} in the sweep folder, see {@link
 * SweepFolder#readState}), written by the holder of the
 * trial's lease. Text, UTF-8, one {@code key=value} per line, split at the first {@code =}; keys in the order of
 * the components below; an empty value means "none"; readers ignore keys they do not know.
 *
 * @param trial the trial's id
 * @param state {@code waiting} (never started, or released to be resumed), {@code running}, {@code done}, {@code
 *     failed} (for good), {@code stopped} (by the median stopping rule) or {@code diverged} (its loss became NaN,
 *     infinite or exploded: a result of its configuration, never retried)
 * @param attempts starts that ended, or may still end, in a failure or a crash (a clean stop for a budget does not
 *     count)
 * @param lease generation of the lease the record was written under (0 before the first claim)
 * @param owner who holds or last held the lease: {@code host:pid}
 * @param heartbeat when the holder last renewed its heartbeat (ISO-8601 UTC), or null
 * @param epoch epochs completed (1-based count; 0 before the first)
 * @param bestValAccuracy the best val_accuracy so far, NaN before the first epoch
 * @param finalValAccuracy the last epoch's val_accuracy, NaN before the first epoch
 * @param runFolder URI of the trial's run folder, or empty before it exists
 * @param error the last failure as one line, or empty
 * @param note why the trial stopped (the median rule's numbers) or where it diverged, or empty
 */
public record TrialState(
    String trial,
    String state,
    int attempts,
    long lease,
    String owner,
    Instant heartbeat,
    int epoch,
    double bestValAccuracy,
    double finalValAccuracy,
    String runFolder,
    String error,
    String note) {

  static final String WAITING = "waiting";
  static final String RUNNING = "running";
  static final String DONE = "done";
  static final String FAILED = "failed";
  static final String STOPPED = "stopped";
  static final String DIVERGED = "diverged";

  /** The record of a trial nobody has claimed yet. */
  static TrialState initial(String trial) {
    return new TrialState(trial, WAITING, 0, 0, "", null, 0, Double.NaN, Double.NaN, "", "", "");
  }

  /** Whether no invocation will run the trial again. */
  boolean finished() {
    return state.equals(DONE) || state.equals(FAILED) || state.equals(STOPPED) || state.equals(DIVERGED);
  }

  TrialState with(String newState, int newAttempts, long newLease, String newOwner, Instant newHeartbeat) {
    return new TrialState(trial, newState, newAttempts, newLease, newOwner, newHeartbeat, epoch, bestValAccuracy,
        finalValAccuracy, runFolder, error, note);
  }

  TrialState withProgress(int newEpoch, double best, double last, String folder) {
    return new TrialState(trial, state, attempts, lease, owner, heartbeat, newEpoch, best, last, folder, error, note);
  }

  TrialState withError(String newError) {
    return new TrialState(trial, state, attempts, lease, owner, heartbeat, epoch, bestValAccuracy, finalValAccuracy,
        runFolder, oneLine(newError), note);
  }

  TrialState withNote(String newNote) {
    return new TrialState(trial, state, attempts, lease, owner, heartbeat, epoch, bestValAccuracy, finalValAccuracy,
        runFolder, error, oneLine(newNote));
  }

  /** The record as text. */
  String format() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("trial", trial);
    fields.put("state", state);
    fields.put("attempts", Integer.toString(attempts));
    fields.put("lease", Long.toString(lease));
    fields.put("owner", owner);
    fields.put("heartbeat", heartbeat == null ? "" : heartbeat.toString());
    fields.put("epoch", Integer.toString(epoch));
    fields.put("best_val_accuracy", Double.isNaN(bestValAccuracy) ? "" : Double.toString(bestValAccuracy));
    fields.put("final_val_accuracy", Double.isNaN(finalValAccuracy) ? "" : Double.toString(finalValAccuracy));
    fields.put("run_folder", runFolder);
    fields.put("error", error);
    fields.put("note", note);
    StringBuilder text = new StringBuilder();
    fields.forEach((k, v) -> text.append(k).append('=').append(oneLine(v)).append('\n'));
    return text.toString();
  }

  /**
   * Parses a record.
   *
   * @throws IllegalArgumentException if a required key is missing or a number is malformed
   */
  static TrialState parse(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : text.split("\r?\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    String trial = required(fields, "trial");
    String heartbeat = fields.getOrDefault("heartbeat", "");
    return new TrialState(
        trial,
        required(fields, "state"),
        Integer.parseInt(required(fields, "attempts")),
        Long.parseLong(required(fields, "lease")),
        fields.getOrDefault("owner", ""),
        heartbeat.isEmpty() ? null : Instant.parse(heartbeat),
        Integer.parseInt(fields.getOrDefault("epoch", "0")),
        number(fields.getOrDefault("best_val_accuracy", "")),
        number(fields.getOrDefault("final_val_accuracy", "")),
        fields.getOrDefault("run_folder", ""),
        fields.getOrDefault("error", ""),
        fields.getOrDefault("note", ""));
  }

  private static String required(Map<String, String> fields, String key) {
    String value = fields.get(key);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("state record lacks '" + key + "'");
    }
    return value;
  }

  private static double number(String text) {
    return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
  }

  static String oneLine(String text) {
    return text == null ? "" : text.replace('\r', ' ').replace('\n', ' ').strip();
  }
}
