package io.lrsched.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Spark job of a tiny {@code train} and of {@code evaluate} on its run carries a job group and a description a
 * person can read, read back as Spark reports them to listeners (what the Spark UI and History Server show).
 *
 * <p>The run's shape, by hand: 128 synthetic images at a global batch of 32 are 4 steps per epoch; 2 workers averaging
 * every 2 steps make 2 rounds per epoch; 2 epochs.
 */
class SparkJobLabelsIT {
  private static final List<String[]> JOBS = new CopyOnWriteArrayList<>();

  /** Registered through {@code spark.extraListeners}: each command's own context reports to it. */
  public static final class JobRecorder extends SparkListener {
    @Override
    public void onJobStart(SparkListenerJobStart start) {
      JOBS.add(new String[] {start.properties().getProperty("spark.jobGroup.id"),
          start.properties().getProperty("spark.job.description")});
    }
  }

  @TempDir static Path out;

  @BeforeAll
  static void listen() {
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.extraListeners", JobRecorder.class.getName());
  }

  @AfterAll
  static void stopListening() {
    System.clearProperty("spark.master");
    System.clearProperty("spark.extraListeners");
  }

  @Test
  void shouldLabelEveryJobWithTheRunsEpochAndRound() throws IOException {
    int exit = Main.run("train",
        "--set", "experiment.name=labels",
        "--set", "data.source=synthetic",
        "--set", "data.synthetic.train-size=128",
        "--set", "data.synthetic.test-size=32",
        "--set", "model.stages=[1,1,1]",
        "--set", "model.filters=[8,8,16,32]",
        "--set", "training.epochs=2",
        "--set", "training.batch-size=32",
        "--set", "training.workers=2",
        "--set", "training.averaging-frequency=2",
        "--set", "output.dir=\"" + out.toUri() + "\"");
    assertEquals(0, exit);
    List<String[]> train = List.copyOf(JOBS);
    assertFalse(train.isEmpty());
    for (String[] job : train) {
      assertEquals("train labels", job[0], "job group of " + String.join(" / ", job));
      assertTrue(job[1] != null && job[1].startsWith("train labels: "), "description " + job[1]);
    }
    // The descriptions in the order the jobs ran, repeats folded: loading, then each epoch's rounds, then its
    // evaluation.
    Set<String> sequence = new LinkedHashSet<>();
    train.forEach(job -> sequence.add(job[1].substring("train labels: ".length())));
    assertEquals(List.of("loading data",
        "epoch 1/2, round 1/2", "epoch 1/2, round 2/2", "evaluate epoch 1",
        "epoch 2/2, round 1/2", "epoch 2/2, round 2/2", "evaluate epoch 2"), new ArrayList<>(sequence));

    Path run;
    try (Stream<Path> runs = Files.list(out)) {
      run = runs.filter(p -> p.getFileName().toString().startsWith("labels-")).findFirst().orElseThrow();
    }
    JOBS.clear();
    assertEquals(0, Main.run("evaluate", run.toString()));
    assertFalse(JOBS.isEmpty());
    for (String[] job : JOBS) {
      assertEquals("evaluate model.zip", job[0], "job group of " + String.join(" / ", job));
      assertTrue(job[1] != null && job[1].startsWith("evaluate model.zip: "), "description " + job[1]);
    }
    assertTrue(JOBS.stream().anyMatch(job -> job[1].endsWith("/model.zip")), "the evaluation names the model");
  }
}
