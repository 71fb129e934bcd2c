package io.lrsched.train;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Stops a run whose training makes no progress: once no averaging round has finished (or, before the first, nothing
 * has happened since the start) for the stall timeout, it cancels the application's Spark jobs, so that a job
 * waiting for executors that never come, or a task stuck for good, ends instead of holding its trial for ever. A
 * heartbeat only proves that the driver's JVM is alive; this proves that the trial moves.
 */
final class ProgressWatchdog implements AutoCloseable {
  private final JavaSparkContext sc;
  private final Duration timeout;
  private final ScheduledExecutorService timer;
  private volatile long lastProgress = System.nanoTime();
  private volatile boolean fired;

  private ProgressWatchdog(JavaSparkContext sc, Duration timeout) {
    this.sc = sc;
    this.timeout = timeout;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lrsched-progress-watchdog");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts watching; checks ten times per timeout, at least once a second. */
  static ProgressWatchdog start(JavaSparkContext sc, Duration timeout) {
    ProgressWatchdog watchdog = new ProgressWatchdog(sc, timeout);
    long every = Math.max(1, Math.min(1000, timeout.toMillis() / 10));
    watchdog.timer.scheduleAtFixedRate(watchdog::check, every, every, TimeUnit.MILLISECONDS);
    return watchdog;
  }

  /** An averaging round finished. */
  void progressed() {
    lastProgress = System.nanoTime();
  }

  /** Whether it stopped the run. */
  boolean fired() {
    return fired;
  }

  /** The one line that says why the run was stopped. */
  String reason() {
    return "no progress for " + timeout.toSeconds() + " s (no averaging round finished; sweep.stall-timeout):"
        + " its Spark jobs were cancelled";
  }

  private void check() {
    if (!fired && System.nanoTime() - lastProgress > timeout.toNanos()) {
      fired = true;
      sc.cancelAllJobs();
    }
    if (fired) {
      // Jobs submitted after the first cancellation (evaluation, the next round) are cancelled too.
      sc.cancelAllJobs();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
