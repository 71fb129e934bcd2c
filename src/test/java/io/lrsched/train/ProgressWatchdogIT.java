package io.lrsched.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * A Spark job whose task cannot progress (it blocks for 90 s) is cancelled by the watchdog once nothing has
 * progressed for the stall timeout; a job that finishes in time is left alone.
 */
class ProgressWatchdogIT {

  @Test
  void shouldCancelAJobStuckPastTheStallTimeoutAndLeaveAQuickOneAlone() {
    try (JavaSparkContext sc = LocalSpark.start("ProgressWatchdogIT")) {
      sc.parallelize(List.of(1, 2), 2).map(x -> x + 1).collect(); // Spark's first job warms up for many seconds
      watch(sc);
    }
  }

  private static void watch(JavaSparkContext sc) {
    try (ProgressWatchdog watchdog = ProgressWatchdog.start(sc, Duration.ofSeconds(15))) {
      sc.parallelize(List.of(1, 2), 2).map(x -> x + 1).collect();
      watchdog.progressed();
      assertFalse(watchdog.fired(), "a job that finishes is progress");

      long start = System.nanoTime();
      // Spark's job failure is a checked exception Scala does not declare.
      Exception stuck = assertThrows(Exception.class, () -> sc.parallelize(List.of(1), 1).map(x -> {
        Thread.sleep(90_000);
        return x;
      }).collect());
      double seconds = (System.nanoTime() - start) / 1e9;
      assertTrue(watchdog.fired(), "the watchdog stopped it: " + stuck);
      assertTrue(String.valueOf(stuck.getMessage()).contains("cancelled"), String.valueOf(stuck.getMessage()));
      assertTrue(seconds < 60, "stopped after " + seconds + " s, not after the task's 90 s");
      assertTrue(watchdog.reason().startsWith("no progress for 15 s"), watchdog.reason());
    }
  }
}
