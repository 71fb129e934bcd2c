package io.lrsched.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Signs of life during an epoch. On an interactive terminal a Keras-like bar, redrawn in place after every
 * averaging round: steps done, images/s, and the time left for the epoch and for the run; it is erased before the
 * per-epoch line, which stays as it was. In a log (output not a terminal) a plain line at most once a minute.
 *
 * <p>Time left for the epoch is its training steps at the epoch's rate so far; time left for the run adds the
 * remaining epochs at the mean duration of the finished ones (training and validation), or at this epoch's rate
 * before any has finished.
 */
public final class ProgressBar {

  /** How progress is shown. */
  public enum Mode {
    /** A bar redrawn in place with carriage returns. */
    BAR,
    /** A line now and then, for logs. */
    LOG,
    /** Nothing. */
    OFF;

    /** {@link #BAR} when the JVM has a terminal, else {@link #LOG}. */
    public static Mode detect() {
      return System.console() != null ? BAR : LOG;
    }
  }

  static final int BAR_WIDTH = 30;
  static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

  private final PrintStream out;
  private final Mode mode;
  private final LongSupplier nanoClock;
  private final int totalEpochs;
  private final int imagesPerStep;

  private int epoch;
  private int stepsInEpoch;
  private long epochStart;
  private long lastLog;
  private int lastWidth;
  private double finishedEpochSeconds;
  private int finishedEpochs;

  /**
   * @param out where the bar or lines go
   * @param mode how to show progress
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
   * @param totalEpochs the run's epochs
   * @param imagesPerStep images in one global step (the global batch)
   */
  public ProgressBar(PrintStream out, Mode mode, LongSupplier nanoClock, int totalEpochs, int imagesPerStep) {
    this.out = out;
    this.mode = mode;
    this.nanoClock = nanoClock;
    this.totalEpochs = totalEpochs;
    this.imagesPerStep = imagesPerStep;
  }

  /**
   * An epoch starts.
   *
   * @param epoch 1-based
   * @param steps global steps in the epoch
   */
  public void startEpoch(int epoch, int steps) {
    this.epoch = epoch;
    this.stepsInEpoch = steps;
    this.epochStart = nanoClock.getAsLong();
    this.lastLog = epochStart;
  }

  /** {@code stepsDone} of the epoch's steps are done (after an averaging round). */
  public void stepsDone(int stepsDone) {
    if (mode == Mode.OFF || stepsDone <= 0) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (mode == Mode.BAR) {
      String line = barLine(stepsDone, now);
      out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
      out.flush();
      lastWidth = line.length();
    } else if (now - lastLog >= LOG_INTERVAL_NANOS && stepsDone < stepsInEpoch) {
      out.println(logLine(stepsDone, now));
      lastLog = now;
    }
  }

  /** The epoch ended after {@code seconds} (training and validation): erase the bar, remember the duration. */
  public void endEpoch(double seconds) {
    if (mode == Mode.BAR && lastWidth > 0) {
      out.print("\r" + " ".repeat(lastWidth) + "\r");
      out.flush();
      lastWidth = 0;
    }
    finishedEpochSeconds += seconds;
    finishedEpochs++;
  }

  /** {@code Epoch 3/100 120/391 [=========>....................] - 52.3 img/s - ETA 1:05 - run ETA 2:03:11}. */
  String barLine(int stepsDone, long now) {
    int filled = (int) ((long) BAR_WIDTH * stepsDone / stepsInEpoch);
    String bar = stepsDone >= stepsInEpoch ? "=".repeat(BAR_WIDTH)
        : "=".repeat(filled) + ">" + ".".repeat(BAR_WIDTH - filled - 1);
    Rates r = rates(stepsDone, now);
    return String.format(Locale.ROOT, "Epoch %d/%d %d/%d [%s] - %.1f img/s - ETA %s - run ETA %s", epoch,
        totalEpochs, stepsDone, stepsInEpoch, bar, r.imagesPerSecond, duration(r.epochLeft), duration(r.runLeft));
  }

  /** {@code [INFO] epoch 3/100: 120/391 steps (30%), 52.3 img/s, epoch ETA 1:05, run ETA 2:03:11}. */
  String logLine(int stepsDone, long now) {
    Rates r = rates(stepsDone, now);
    return String.format(Locale.ROOT, "[INFO] epoch %d/%d: %d/%d steps (%d%%), %.1f img/s, epoch ETA %s, run ETA %s",
        epoch, totalEpochs, stepsDone, stepsInEpoch, 100L * stepsDone / stepsInEpoch, r.imagesPerSecond,
        duration(r.epochLeft), duration(r.runLeft));
  }

  private record Rates(double imagesPerSecond, double epochLeft, double runLeft) {}

  private Rates rates(int stepsDone, long now) {
    double elapsed = Math.max(1e-9, (now - epochStart) / 1e9);
    double secondsPerStep = elapsed / stepsDone;
    double epochLeft = secondsPerStep * (stepsInEpoch - stepsDone);
    double perEpoch = finishedEpochs > 0 ? finishedEpochSeconds / finishedEpochs : secondsPerStep * stepsInEpoch;
    double runLeft = epochLeft + perEpoch * (totalEpochs - epoch);
    return new Rates(stepsDone * (double) imagesPerStep / elapsed, epochLeft, runLeft);
  }

  /** Keras' style: {@code 0:07}, {@code 12:05}, {@code 2:03:11}. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
