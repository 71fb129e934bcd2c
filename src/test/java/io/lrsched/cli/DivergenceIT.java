package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.results.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issue's own reproduction: {@code train conf/smoke.conf} at lr 1000 without a schedule, in its own JVM. */
class DivergenceIT {

  @TempDir Path work;

  @Test
  void shouldStopInTheFirstEpochWithOneLineExitThreeAndStatusDiverged() throws Exception {
    Path out = work.resolve("out");
    LocalRun.Result result = LocalRun.run(work, List.of("train", "conf/smoke.conf",
        "--set", "training.lr=1000", "--set", "schedule.type=none", "--set", "output.dir=\"" + out.toUri() + "\""));

    assertEquals(3, result.exit(), result.stderr());
    List<String> errors = result.stderr().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, errors.size(), "one line on stderr, no stack trace: " + result.stderr());
    // smoke.conf: 512 images, global batch 64 = 8 steps per epoch; the loss of the first step is the untrained
    // network's, finite, so the first non-finite loss is at step 2 or later of epoch 1.
    assertTrue(errors.get(0).matches("lrsched: diverged at epoch 1, step [2-8]: loss (NaN|-?Infinity) at lr 1000"),
        errors.get(0));
    assertFalse(result.stdout().contains("Epoch 2/"), "no second epoch started");

    Path run;
    try (Stream<Path> runs = Files.list(out)) {
      run = runs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    RunRecord record = RunRecord.parse(Files.readString(run.resolve(RunRecord.FILE)));
    assertEquals(RunRecord.DIVERGED, record.status());
    assertEquals(errors.get(0).substring("lrsched: ".length()), record.error());
    assertEquals(0, record.epochsDone(), "the diverged first epoch is not recorded as a result");
    assertFalse(Files.exists(run.resolve("model.zip")), "no model of NaN weights");
    assertTrue(Files.readString(run.resolve("report.html")).contains("status-diverged"));
  }
}
