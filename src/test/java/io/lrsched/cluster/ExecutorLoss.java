package io.lrsched.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the executor-lost tests of every cluster manager share: a driver log that shows which executor has just
 * finished a training task of the second epoch (the moment to kill it), and the check that {@code lr-applied.csv}
 * still holds every (epoch, step, worker) exactly once.
 *
 * <p>From six workers on, DL4J's tree aggregation puts training into a shuffle-map stage; killing the executor on
 * which one of its tasks has just finished loses that task's map output, so Spark trains it again: the case where a
 * plain accumulator recorded those steps twice.
 */
final class ExecutorLoss {

  /** Workers of the executor-lost runs: enough for the shuffle-map training stage. */
  static final int WORKERS = 6;

  private ExecutorLoss() {}

  /** The project's driver logging plus Spark's stage submissions and finished tasks at INFO, written to dir. */
  static Path schedulerLog(Path dir) throws IOException {
    Path file = dir.resolve("log4j2-scheduler.properties");
    Files.writeString(file, Files.readString(Script.ROOT.resolve("conf/log4j2.properties"))
        + "\nlogger.dag.name = org.apache.spark.scheduler.DAGScheduler\nlogger.dag.level = info\n"
        + "logger.tasks.name = org.apache.spark.scheduler.TaskSetManager\nlogger.tasks.level = info\n");
    return file;
  }

  /**
   * Waits until the driver's log shows that a training task of epoch 2 finished, and returns the executor it ran on.
   * Epoch 1's line is printed after it ends; then epoch 2's first training stage, then its first finished task.
   */
  static String awaitVictim(Process driver, Path log) throws Exception {
    Pattern stage = Pattern.compile("Submitting ShuffleMapStage (\\d+) \\([^\\n]*treeAggregate");
    String stageId = awaitInLog(driver, log, "Epoch 1/2", stage).group(1);
    Pattern finished = Pattern.compile("Finished task \\S+ in stage " + stageId + "\\.0 \\(TID \\d+\\) in \\d+ ms on"
        + " \\S+ \\(executor (\\S+)\\) \\([12]/" + WORKERS + "\\)");
    return awaitInLog(driver, log, "Epoch 1/2", finished).group(1);
  }

  /** Waits (up to 300 s) until the log shows {@code pattern} after the first {@code after}; returns the match. */
  private static Matcher awaitInLog(Process driver, Path log, String after, Pattern pattern) throws Exception {
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (true) {
      String text = Files.readString(log);
      int from = text.indexOf(after);
      if (from >= 0) {
        Matcher m = pattern.matcher(text);
        if (m.find(from)) {
          return m;
        }
      }
      assertTrue(driver.isAlive(), "the run ended before " + pattern + ":\n" + Script.tail(log, 80));
      assertTrue(System.nanoTime() < deadline, "no " + pattern + " within 300 s:\n" + Script.tail(log, 80));
      Thread.sleep(50);
    }
  }

  /** Every (epoch, step, worker) of a run of 2 epochs and {@link #WORKERS} workers has exactly one row. */
  static void assertEveryStepOnce(List<String> applied, int stepsPerEpoch) {
    Set<String> keys = new TreeSet<>();
    for (String row : applied.subList(1, applied.size())) {
      String[] f = row.split(",");
      assertTrue(keys.add(f[0] + "/" + f[1] + "/" + f[2]), "each (epoch, step, worker) once: " + row);
    }
    for (int e = 1; e <= 2; e++) {
      for (int s = 0; s < stepsPerEpoch; s++) {
        for (int w = 0; w < WORKERS; w++) {
          assertTrue(keys.contains(e + "/" + s + "/" + w), "a row for epoch " + e + " step " + s + " worker " + w);
        }
      }
    }
    assertEquals(2 * stepsPerEpoch * WORKERS, keys.size(), "2 epochs x steps x workers");
  }
}
