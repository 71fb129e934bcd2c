package io.lrsched.checkpoint;

import io.lrsched.schedule.PlateauState;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything a run needs to continue after {@code epochs} epochs exactly as the uninterrupted run would.
 *
 * <p>The next epoch's shuffle is a pure function of the experiment's seed and the epoch index, so the epoch count is
 * all it needs; the layout (steps per epoch, workers) is kept to check that the resumed run lays its data out the
 * same way.
 *
 * @param epochs epochs completed, {@code >= 1}
 * @param stepsPerEpoch global steps per epoch
 * @param workers parameter-averaging workers
 * @param scheduleEpochs the training length the schedule's {@code auto} parameters were derived from
 * @param scheduleState the adaptive schedule's state, absent for pure schedules
 * @param bestEpoch 1-based epoch of the best val_accuracy so far (0 for none)
 * @param bestValAccuracy the best val_accuracy so far ({@code NaN} for none)
 * @param metricsCsv the run's metrics.csv after {@code epochs} epochs
 * @param lrAppliedCsv the run's lr-applied.csv after {@code epochs} epochs
 * @param model the network's zip: parameters, updater state, DL4J's counters, metadata
 */
public record Checkpoint(
    int epochs,
    int stepsPerEpoch,
    int workers,
    int scheduleEpochs,
    Optional<PlateauState> scheduleState,
    int bestEpoch,
    double bestValAccuracy,
    String metricsCsv,
    String lrAppliedCsv,
    byte[] model) {

  static final String MODEL = "model.zip";
  static final String STATE = "state.properties";
  static final String METRICS = "metrics.csv";
  static final String LR_APPLIED = "lr-applied.csv";

  /** Validates the counts. */
  public Checkpoint {
    if (epochs < 1 || stepsPerEpoch < 1 || workers < 1 || scheduleEpochs < 1) {
      throw new IllegalArgumentException("checkpoint needs epochs, steps per epoch, workers and schedule epochs >= 1;"
          + " got " + epochs + ", " + stepsPerEpoch + ", " + workers + ", " + scheduleEpochs);
    }
  }

  /** The small state file: counts and the schedule's state, doubles written so that parsing gives them back. */
  String stateText() {
    Properties p = new Properties();
    p.setProperty("epochs", Integer.toString(epochs));
    p.setProperty("steps-per-epoch", Integer.toString(stepsPerEpoch));
    p.setProperty("workers", Integer.toString(workers));
    p.setProperty("schedule-epochs", Integer.toString(scheduleEpochs));
    p.setProperty("best-epoch", Integer.toString(bestEpoch));
    p.setProperty("best-val-accuracy", Double.toString(bestValAccuracy));
    scheduleState.ifPresent(s -> {
      p.setProperty("plateau.lr", Double.toString(s.lr()));
      p.setProperty("plateau.best", Double.toString(s.best()));
      p.setProperty("plateau.bad-epochs", Integer.toString(s.numBadEpochs()));
      p.setProperty("plateau.cooldown", Integer.toString(s.cooldownCounter()));
      p.setProperty("plateau.last-epoch", Integer.toString(s.lastEpoch()));
    });
    StringWriter out = new StringWriter();
    try {
      p.store(out, "lrsched checkpoint state (the next epoch's shuffle derives from experiment.seed and epochs)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Reads a checkpoint back from its files' contents. @throws IllegalArgumentException if the state is bad */
  static Checkpoint parse(String stateText, String metricsCsv, String lrAppliedCsv, byte[] model) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(stateText));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Optional<PlateauState> plateau = p.getProperty("plateau.lr") == null
        ? Optional.empty()
        : Optional.of(new PlateauState(number(p, "plateau.lr"), number(p, "plateau.best"),
            integer(p, "plateau.bad-epochs"), integer(p, "plateau.cooldown"), integer(p, "plateau.last-epoch")));
    return new Checkpoint(integer(p, "epochs"), integer(p, "steps-per-epoch"), integer(p, "workers"),
        integer(p, "schedule-epochs"), plateau, integer(p, "best-epoch"), number(p, "best-val-accuracy"),
        metricsCsv, lrAppliedCsv, model);
  }

  private static int integer(Properties p, String key) {
    try {
      return Integer.parseInt(required(p, key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(STATE + ": " + key + " is not a whole number", e);
    }
  }

  private static double number(Properties p, String key) {
    try {
      return Double.parseDouble(required(p, key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(STATE + ": " + key + " is not a number", e);
    }
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException(STATE + " lacks '" + key + "'");
    }
    return value.strip();
  }
}
