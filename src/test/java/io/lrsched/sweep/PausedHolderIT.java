package io.lrsched.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep process frozen with SIGSTOP during a trial, longer than {@code sweep.lease-timeout}: a second invocation
 * takes the trial over and completes it; woken with SIGCONT, the first must write nothing more into the trial's
 * folder, say in one line that it lost the trial, and exit 75. An uninterrupted run of the same trial, alongside,
 * gives the learning rates the completed trial must have applied.
 */
class PausedHolderIT {
  private static final int EPOCHS = 6;

  @TempDir Path dir;

  @Test
  void shouldLeaveTheTrialFolderUntouchedWhenAPausedHolderWakes() throws Exception {
    Files.writeString(dir.resolve("base.conf"), SweepProcess.tinyBase(dir.resolve("out").toString(), EPOCHS));
    String timeouts = "sweep { experiment = base.conf, lease-timeout = 10s, heartbeat = 1s }\n";
    Path paused = dir.resolve("paused.conf");
    Files.writeString(paused, timeouts);
    Path calm = dir.resolve("calm.conf");
    Files.writeString(calm, timeouts);

    SweepProcess first = SweepProcess.start(dir.resolve("first.log"), paused.toString());
    SweepProcess uninterrupted = null;
    SweepProcess second = null;
    try {
      Path trial = SweepTakeoverIT.waitForFirstEpoch(first, dir.resolve("out/paused/trials"));
      first.pause();
      long pausedAt = System.nanoTime();
      uninterrupted = SweepProcess.start(dir.resolve("calm.log"), calm.toString());

      // Its last heartbeat is at most a second old when it freezes: 11 s later the lease is stale.
      long waitMillis = 11_000 - (System.nanoTime() - pausedAt) / 1_000_000;
      if (waitMillis > 0) {
        Thread.sleep(waitMillis);
      }
      second = SweepProcess.start(dir.resolve("second.log"), paused.toString());
      assertEquals(0, second.await(600), second.output());
      assertTrue(second.output().contains("taking over the stale lease"), second.output());
      Map<String, String> before = listing(trial);

      String logBefore = first.output();
      first.wake();
      int exit = first.await(300);
      String woken = first.output().substring(logBefore.length());
      assertEquals(before, listing(trial), "the woken holder changed the trial's folder; its log after waking:\n"
          + woken);
      assertEquals(1, woken.lines().filter(l -> l.contains("lost the lease of trial")).count(),
          "one line saying it lost the trial:\n" + woken);
      assertEquals(75, exit, woken);

      assertEquals(0, uninterrupted.await(600), uninterrupted.output());
      Path run = trial.resolve("run");
      List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
      assertEquals(List.of("1", "2", "3", "4", "5", "6"),
          metrics.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList(), "each epoch once");
      Map<String, String> lrs = appliedLrs(run);
      // 64 images in batches of 16 on one worker: 4 steps per epoch, each once.
      assertEquals(EPOCHS * 4, lrs.size(), "each step once: " + lrs.keySet());
      assertEquals(appliedLrs(dir.resolve("out/calm/trials").resolve(trial.getFileName()).resolve("run")), lrs,
          "the learning rates of an uninterrupted run");
    } finally {
      // Only processes still alive are killed: on success all have ended.
      first.kill();
      if (uninterrupted != null) {
        uninterrupted.kill();
      }
      if (second != null) {
        second.kill();
      }
    }
  }

  /** lr-applied.csv as epoch,step,worker -> lr; fails on a step recorded twice. */
  private static Map<String, String> appliedLrs(Path run) throws IOException {
    List<String> rows = Files.readAllLines(run.resolve("lr-applied.csv"));
    Map<String, String> lrs = new TreeMap<>();
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",");
      String previous = lrs.put(f[0] + "," + f[1] + "," + f[2], f[5]);
      assertEquals(null, previous, "step recorded twice: " + row);
    }
    return lrs;
  }

  /**
   * Every file under a folder with its size and SHA-256, hidden ones included but for temporary files ({@code
   * .NAME.UUID.tmp}): a write the pause interrupted leaves one, which its writer removes when it finds it may not
   * publish it.
   */
  static Map<String, String> listing(Path folder) throws IOException, NoSuchAlgorithmException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.filter(Files::isRegularFile).filter(p -> !(p.getFileName().toString().startsWith(".")
          && p.getFileName().toString().endsWith(".tmp"))).toList()) {
        byte[] bytes = Files.readAllBytes(p);
        files.put(folder.relativize(p).toString(), bytes.length + " "
            + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
      }
    }
    return files;
  }
}
