package io.lrsched.longrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.config.SettingsLoader;
import io.lrsched.train.EpochListener;
import io.lrsched.train.ExperimentRunner;
import io.lrsched.train.RunSummary;
import io.lrsched.train.SparkContexts;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API sweeps build on: a run into a chosen folder, stopped by its epoch listener after epoch 1 of 3, then run into
 * the same folder again, continues from the checkpoint and completes.
 */
@Tag("slow")
class RunInFolderIT {

  @TempDir Path out;

  private String manifest() {
    try {
      return Files.readString(out.resolve("trial-1/checkpoints/manifest.txt"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void shouldStopCleanlyAfterTheCheckpointAndContinueInTheSameFolder() throws Exception {
    System.setProperty("spark.master", "local[2]");
    List<String> overrides = new ArrayList<>();
    List<String> args = TinyRun.args(out, 3);
    for (int i = 1; i < args.size(); i += 2) {
      overrides.add(args.get(i));
    }
    ExperimentSettings settings = new SettingsLoader().load(null, overrides);
    String folder = out.resolve("trial-1").toUri().toString();
    List<Integer> seen = new ArrayList<>();
    try (JavaSparkContext sc = SparkContexts.create("RunInFolderIT")) {
      ExperimentRunner runner = new ExperimentRunner(settings, new PrintStream(System.out));
      RunSummary stopped = runner.runIn(sc, folder, (epoch, metrics) -> {
        seen.add(epoch);
        assertTrue(manifest().contains("checkpoint epoch-000" + epoch),
            "the listener runs after the epoch's checkpoint");
        return EpochListener.Decision.STOP;
      });
      assertTrue(stopped.stopped());
      assertEquals("stopped at epoch 1", stopped.outcome());
      assertTrue(Files.exists(out.resolve("trial-1/model.zip")), "a stopped run keeps its model");

      RunSummary completed = runner.runIn(sc, folder, EpochListener.NONE);
      assertFalse(completed.stopped());
      assertEquals("completed", completed.outcome());
      assertEquals(3, completed.epochs());
    } finally {
      System.clearProperty("spark.master");
    }
    assertEquals(List.of(1), seen);
    assertEquals(List.of("1", "2", "3"),
        TinyRun.rows(out.resolve("trial-1/metrics.csv")).stream().map(f -> f[0]).toList());
    assertEquals(3 * 16 * 2, TinyRun.appliedLr(out.resolve("trial-1"), 1).size());
  }
}
