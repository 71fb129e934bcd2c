package io.lrsched.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep process killed with SIGKILL during a trial: its lease goes stale, and a later invocation takes it over
 * after {@code sweep.lease-timeout} and resumes the trial from its checkpoint, with no epoch trained twice.
 */
@Tag("slow")
class SweepTakeoverIT {
  private static final int EPOCHS = 4;

  @TempDir Path dir;

  @Test
  void shouldTakeTheStaleLeaseOverAndResumeFromTheCheckpoint() throws Exception {
    Files.writeString(dir.resolve("base.conf"), SweepProcess.tinyBase(dir.resolve("out").toString(), EPOCHS));
    Path file = dir.resolve("kill.conf");
    Files.writeString(file, """
        sweep { experiment = base.conf, lease-timeout = 15s, heartbeat = 5s }
        """);
    SweepProcess first = SweepProcess.start(dir.resolve("first.log"), file.toString());
    Path trials = dir.resolve("out/kill/trials");
    Path trial = waitForFirstEpoch(first, trials);
    first.kill();
    long killedAt = System.nanoTime();
    TrialState killed = SweepProcess.state(trial);
    assertEquals("running", killed.state(), "killed during the trial");
    assertTrue(killed.epoch() >= 1 && killed.epoch() < EPOCHS, "killed after a checkpoint, before the end: "
        + killed);

    // Only a lease older than the timeout may be taken over.
    long waitMillis = 16_000 - (System.nanoTime() - killedAt) / 1_000_000;
    if (waitMillis > 0) {
      Thread.sleep(waitMillis);
    }
    SweepProcess second = SweepProcess.start(dir.resolve("second.log"), file.toString());
    assertEquals(0, second.await(600), second.output());
    String log = second.output();
    assertTrue(log.contains("taking over the stale lease of " + killed.owner()), log);
    assertTrue(log.contains("resumed from the checkpoint after epoch " + killed.epoch()), log);

    TrialState done = SweepProcess.state(trial);
    assertEquals("done", done.state());
    assertEquals(2, done.attempts(), "the killed attempt counts");
    assertEquals(2, done.lease(), "the second lease generation");
    assertNotEquals(killed.owner(), done.owner());
    assertEquals(EPOCHS, done.epoch());

    Path run = trial.resolve("run");
    List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
    assertEquals(List.of("1", "2", "3", "4"),
        metrics.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList(), "each epoch once");
    List<String> applied = Files.readAllLines(run.resolve("lr-applied.csv"));
    Set<String> seen = new HashSet<>();
    Set<String> epochs = new HashSet<>();
    for (String row : applied.subList(1, applied.size())) {
      String[] f = row.split(",");
      assertTrue(seen.add(f[0] + "," + f[1] + "," + f[2]), "step recorded twice: " + row);
      epochs.add(f[0]);
    }
    assertEquals(Set.of("1", "2", "3", "4"), epochs);
    // 64 images in batches of 16 on one worker: 4 steps per epoch.
    assertEquals(EPOCHS * 4, seen.size(), "no epoch trained twice, none missing");
  }

  /**
   * Waits until a trial's state record shows a finished epoch (its checkpoint is written before).
   *
   * @return the trial's folder
   */
  static Path waitForFirstEpoch(SweepProcess process, Path trials) throws Exception {
    long deadline = System.nanoTime() + 900_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(trials)) {
        try (Stream<Path> s = Files.list(trials)) {
          for (Path trial : s.toList()) {
            if (SweepProcess.state(trial).epoch() >= 1) {
              return trial;
            }
          }
        }
      }
      Thread.sleep(50);
    }
    process.kill();
    throw new AssertionError("no epoch finished in 900 s:\n" + process.output());
  }
}
