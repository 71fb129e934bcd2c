package io.lrsched.longrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 1, the driver killed: a run in its own JVM is killed with SIGKILL during epoch 3 and resumed with {@code train
 * --resume}; it must end as the uninterrupted run does. The uninterrupted run and the resume run in this JVM.
 */
@Tag("slow")
class DriverKilledIT {

  /**
   * Largest difference in (val_)accuracy (two of 256 test images) and relative difference in losses allowed between
   * resumed and uninterrupted epochs. Measured: identical in every digit (the README's "Long runs" section gives the
   * figures); the margin is for machines whose native code reduces in a different order.
   */
  static final double ACCURACY_TOLERANCE = 2.0 / 256;
  static final double LOSS_TOLERANCE = 1e-4;

  @TempDir Path out;

  @Test
  void shouldResumeAKilledRunWithTheUninterruptedRunsLearningRates() throws Exception {
    System.setProperty("spark.master", "local[2]");
    try {
      List<String> args = TinyRun.args(out.resolve("whole"), 4);
      args.add(0, "train");
      TinyRun.Result whole = TinyRun.main(args.toArray(String[]::new));
      assertEquals(0, whole.exit(), whole.stderr());
      Path wholeRun = TinyRun.runFolder(out.resolve("whole"));

      Path killedOut = out.resolve("killed");
      killDuringEpoch3(killedOut);
      Path killedRun = TinyRun.runFolder(killedOut);
      assertEquals(2, TinyRun.rows(killedRun.resolve("metrics.csv")).size(),
          "killed during epoch 3: two epochs recorded");

      TinyRun.Result resumed = TinyRun.main("train", "--resume", killedRun.toUri().toString());
      assertEquals(0, resumed.exit(), resumed.stderr());
      assertTrue(resumed.stdout().contains("resumed from the checkpoint after epoch 2"), resumed.stdout());

      // Every epoch once, every (epoch, step, worker) once.
      List<String[]> metrics = TinyRun.rows(killedRun.resolve("metrics.csv"));
      assertEquals(List.of("1", "2", "3", "4"), metrics.stream().map(f -> f[0]).toList());
      List<String> applied = TinyRun.appliedLr(killedRun, 1);
      Set<String> keys = new HashSet<>();
      for (String row : applied) {
        String[] f = row.split(",");
        assertTrue(keys.add(f[0] + "," + f[1] + "," + f[2]), "once: " + row);
      }
      assertEquals(4 * 16 * 2, applied.size(), "4 epochs x 16 steps x 2 workers");

      // The resumed epochs applied exactly the uninterrupted run's LRs, which are the hand-computed ones.
      assertEquals(TinyRun.appliedLr(wholeRun, 3), TinyRun.appliedLr(killedRun, 3));
      for (String row : TinyRun.appliedLr(killedRun, 1)) {
        String[] f = row.split(",");
        double expected = TinyRun.expectedLr(Integer.parseInt(f[0]));
        assertEquals(expected, Double.parseDouble(f[3]), expected * 1e-9, row);
      }

      List<String[]> wholeMetrics = TinyRun.rows(wholeRun.resolve("metrics.csv"));
      for (int e = 0; e < 4; e++) {
        String[] a = wholeMetrics.get(e);
        String[] b = metrics.get(e);
        System.out.printf("[resume difference] epoch %s: loss %s vs %s, accuracy %s vs %s, val_loss %s vs %s,"
            + " val_accuracy %s vs %s%n", a[0], a[2], b[2], a[3], b[3], a[4], b[4], a[5], b[5]);
        assertEquals(Double.parseDouble(a[5]), Double.parseDouble(b[5]), ACCURACY_TOLERANCE, "val_accuracy " + e);
        assertEquals(Double.parseDouble(a[3]), Double.parseDouble(b[3]), ACCURACY_TOLERANCE, "accuracy " + e);
        for (int column : new int[] {2, 4}) {
          double x = Double.parseDouble(a[column]);
          assertEquals(x, Double.parseDouble(b[column]), Math.abs(x) * LOSS_TOLERANCE, "loss column " + column);
        }
      }
      assertTrue(Files.exists(killedRun.resolve("model.zip")));
    } finally {
      System.clearProperty("spark.master");
    }
  }

  /** Starts the run in a new JVM and kills it (SIGKILL) shortly after the checkpoint of epoch 2 is written. */
  private static void killDuringEpoch3(Path outputDir) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect")) {
        cmd.add(arg); // the Java 17 flags Spark and ND4J need, as given to this JVM by the build
      }
    }
    cmd.add("-Xmx1g");
    cmd.add("-Dspark.master=local[2]");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.lrsched.cli.Main");
    cmd.add("train");
    cmd.addAll(TinyRun.args(outputDir, 4));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StringBuilder log = new StringBuilder();
    boolean killed = false;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        log.append(line).append('\n');
        if (line.contains("checkpoint after epoch 2:")) {
          Thread.sleep(300); // into epoch 3's training rounds
          child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally block runs
          killed = true;
          break;
        }
      }
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "killed JVM ended");
    assertTrue(killed, "the child never wrote the checkpoint of epoch 2:\n" + log);
    assertEquals(137, child.exitValue(), "died of SIGKILL (128 + 9)");
    System.out.println("[killed run]\n" + log);
  }
}
