package io.lrsched.longrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.results.RunRecord;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 3, a corrupt checkpoint: the newest checkpoint's model file is truncated; resuming must say so, naming the
 * file, and continue from the previous checkpoint with the LRs the schedule gives there.
 */
@Tag("slow")
class CorruptCheckpointIT {

  @TempDir Path out;

  @Test
  void shouldResumeFromThePreviousCheckpointWhenTheNewestIsTruncated() throws Exception {
    System.setProperty("spark.master", "local[2]");
    try {
      List<String> args = TinyRun.args(out, 2);
      args.add(0, "train");
      TinyRun.Result first = TinyRun.main(args.toArray(String[]::new));
      assertEquals(0, first.exit(), first.stderr());
      Path run = TinyRun.runFolder(out);
      Path newest = run.resolve("checkpoints/epoch-0002/model.zip");
      try (FileChannel channel = FileChannel.open(newest, StandardOpenOption.WRITE)) {
        channel.truncate(channel.size() / 2);
      }

      TinyRun.Result refused = TinyRun.main("train", "--resume", run.toString(), "--set", "training.batch-size=64",
          "--set", "experiment.seed=8", "--set", "training.epochs=3");
      assertEquals(2, refused.exit(), "a result-changing --set is a configuration error");
      List<String> lines = refused.stderr().lines().filter(l -> l.startsWith("lrsched:")).toList();
      assertEquals(1, lines.size(), refused.stderr());
      assertTrue(lines.get(0).contains(": experiment.seed, training.batch-size (only"), lines.get(0));

      TinyRun.Result resumed =
          TinyRun.main("train", "--resume", run.toString(), "--set", "training.epochs=3");
      assertEquals(0, resumed.exit(), resumed.stderr());
      assertTrue(resumed.stdout().contains("[WARN] checkpoint after epoch 2 is damaged, skipped: "
          + newest.toUri().toString().replace("file:///", "file:/")), resumed.stdout());
      assertTrue(resumed.stdout().contains("resumed from the checkpoint after epoch 1: training epochs 2 to 3"),
          resumed.stdout());

      List<String[]> metrics = TinyRun.rows(run.resolve("metrics.csv"));
      assertEquals(List.of("1", "2", "3"), metrics.stream().map(f -> f[0]).toList(), "every epoch once");
      List<String> applied = TinyRun.appliedLr(run, 1);
      assertEquals(3 * 16 * 2, applied.size(), "3 epochs x 16 steps x 2 workers, none twice");
      for (String row : applied) {
        String[] f = row.split(",");
        double expected = TinyRun.expectedLr(Integer.parseInt(f[0]));
        assertEquals(expected, Double.parseDouble(f[3]), expected * 1e-9, row);
      }
      // The run index and the report say where the run resumed; its start stays the first run's.
      RunRecord record = RunRecord.parse(Files.readString(run.resolve(RunRecord.FILE)));
      assertEquals(RunRecord.DONE, record.status());
      assertEquals(3, record.epochsDone());
      assertTrue(record.resumedFrom().startsWith("the checkpoint after epoch 1"), record.resumedFrom());
      assertTrue(Instant.parse(record.started()).isBefore(Instant.parse(record.ended()).minusSeconds(1)));
      assertTrue(Files.readString(run.resolve("report.html")).contains("Resumed from the checkpoint after epoch 1"));
    } finally {
      System.clearProperty("spark.master");
    }
  }
}
