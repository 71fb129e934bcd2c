package io.lrsched.longrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 4, output unwritable in the middle of a run: once the first checkpoint is written, a file takes the place of
 * the second checkpoint's folder (the tests run as root, for whom permissions stop nothing). The run must end with one
 * error line and exit 1, and the first checkpoint must still resume the run.
 */
@Tag("slow")
class UnwritableOutputIT {

  @TempDir Path out;

  @Test
  void shouldFailWithOneLineAndStayResumable() throws Exception {
    System.setProperty("spark.master", "local[2]");
    try {
      List<String> args = TinyRun.args(out, 2);
      args.add(0, "train");
      CompletableFuture<TinyRun.Result> running =
          CompletableFuture.supplyAsync(() -> TinyRun.main(args.toArray(String[]::new)));
      Path obstacle = null;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (obstacle == null && !running.isDone() && System.nanoTime() < deadline) {
        Thread.sleep(20);
        Path manifest = findManifest();
        if (manifest != null && Files.readString(manifest).contains("checkpoint epoch-0001")) {
          obstacle = manifest.resolveSibling("epoch-0002");
          Files.writeString(obstacle, "not a folder");
        }
      }
      TinyRun.Result failed = running.get(5, TimeUnit.MINUTES);
      assertTrue(obstacle != null, "the first checkpoint appeared while the run was going:\n" + failed.stdout());

      assertEquals(1, failed.exit(), failed.stderr());
      List<String> errorLines = failed.stderr().lines().filter(l -> l.startsWith("lrsched:")).toList();
      assertEquals(1, errorLines.size(), failed.stderr());
      assertTrue(errorLines.get(0).startsWith("lrsched: error: ") && errorLines.get(0).contains("epoch-0002"),
          errorLines.get(0));
      assertTrue(!failed.stderr().contains("\tat "), "no stack trace:\n" + failed.stderr());

      Path run = TinyRun.runFolder(out);
      Files.delete(obstacle);
      TinyRun.Result resumed = TinyRun.main("train", "--resume", run.toString());
      assertEquals(0, resumed.exit(), resumed.stderr());
      assertTrue(resumed.stdout().contains("resumed from the checkpoint after epoch 1"), resumed.stdout());
      assertTrue(!resumed.stdout().contains("[WARN]"), "the first checkpoint is intact:\n" + resumed.stdout());
      assertEquals(List.of("1", "2"), TinyRun.rows(run.resolve("metrics.csv")).stream().map(f -> f[0]).toList());
    } finally {
      System.clearProperty("spark.master");
    }
  }

  private Path findManifest() throws java.io.IOException {
    try (var runs = Files.list(out)) {
      return runs.map(r -> r.resolve("checkpoints/manifest.txt")).filter(Files::exists).findFirst().orElse(null);
    }
  }
}
