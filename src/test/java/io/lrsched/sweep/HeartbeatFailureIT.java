package io.lrsched.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder holding a trial's state record becomes unwritable during the trial: the holder cannot renew its
 * heartbeat, stops before the lease timeout (no file of the trial changes after it) and exits 75 with one line; once
 * the folder is writable again, a later invocation takes the stale lease over and resumes from the checkpoint.
 */
class HeartbeatFailureIT {
  private static final int EPOCHS = 6;

  @TempDir Path dir;

  @Test
  void shouldStopBeforeTheLeaseTimeoutWhenTheHeartbeatCannotBeWritten() throws Exception {
    Files.writeString(dir.resolve("base.conf"), SweepProcess.tinyBase(dir.resolve("out").toString(), EPOCHS));
    Path file = dir.resolve("cut.conf");
    Files.writeString(file, "sweep { experiment = base.conf, lease-timeout = 10s, heartbeat = 1s }\n");
    SweepProcess first = SweepProcess.start(dir.resolve("first.log"), file.toString());
    Path trial = SweepTakeoverIT.waitForFirstEpoch(first, dir.resolve("out/cut/trials"));
    int exit;
    Map<String, String> atTimeout;
    readOnly(trial, true);
    try {
      long cutAt = System.nanoTime();
      Thread.sleep(Math.max(0, 10_000 - (System.nanoTime() - cutAt) / 1_000_000));
      atTimeout = PausedHolderIT.listing(trial);
      exit = first.await(300);
      assertEquals(atTimeout, PausedHolderIT.listing(trial), "nothing written after the lease timeout");
    } finally {
      readOnly(trial, false);
    }
    String log = first.output();
    assertEquals(75, exit, log);
    List<String> lost = log.lines().filter(l -> l.contains("lost the lease of trial")).toList();
    assertEquals(1, lost.size(), log);
    assertTrue(lost.get(0).contains("heartbeat could not be written"), lost.get(0));
    int checkpointed = SweepProcess.state(trial).epoch();

    SweepProcess second = SweepProcess.start(dir.resolve("second.log"), file.toString());
    assertEquals(0, second.await(600), second.output());
    assertTrue(second.output().contains("resumed from the checkpoint after epoch "), second.output());
    TrialState done = SweepProcess.state(trial);
    assertEquals("done", done.state());
    assertTrue(checkpointed >= 1, "resumed, not restarted: " + checkpointed);
    List<String> metrics = Files.readAllLines(trial.resolve("run/metrics.csv"));
    assertEquals(List.of("1", "2", "3", "4", "5", "6"),
        metrics.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList(), "each epoch once");
  }

  /**
   * Makes a folder's entries unchangeable: {@code chmod} for a user, {@code chattr +i} for root (whom permissions do
   * not stop). Files in its sub-folders (the trial's run folder) stay writable.
   */
  private static void readOnly(Path folder, boolean on) throws IOException, InterruptedException {
    boolean root = new ProcessBuilder("id", "-u").start().inputReader().readLine().strip().equals("0");
    List<String> command = root ? List.of("chattr", on ? "+i" : "-i", folder.toString())
        : List.of("chmod", on ? "a-w" : "u+w", folder.toString());
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed");
    }
  }
}
