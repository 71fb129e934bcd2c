package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short range test on synthetic data through the entry point: Spark loads the sample, the driver sweeps. */
class LrFindCommandIT {

  @TempDir Path out;

  @BeforeEach
  void useTwoLocalWorkers() {
    System.setProperty("spark.master", "local[2]");
  }

  @AfterEach
  void clearMaster() {
    System.clearProperty("spark.master");
  }

  @Test
  void shouldSweepTheLearningRateAndWriteTheCurveThePlotAndTheSuggestion() throws IOException {
    int exit = Main.run("lr-find",
        "--set", "experiment.name=finder",
        "--set", "data.synthetic.train-size=256",
        "--set", "data.synthetic.test-size=32",
        "--set", "model.stages=[1,1,1]",
        "--set", "model.filters=[8,8,16,32]",
        "--set", "training.batch-size=32",
        "--set", "output.dir=\"" + out.toUri() + "\"",
        "--min-lr", "1e-4", "--max-lr", "100", "--batches", "30", "--smoothing", "0.8", "--stop-factor", "4");
    assertEquals(0, exit);
    Path run;
    try (Stream<Path> runs = Files.list(out)) {
      run = runs.filter(p -> p.getFileName().toString().startsWith("finder-lr-find-")).findFirst().orElseThrow();
    }
    List<String> csv = Files.readAllLines(run.resolve("lr-find.csv"));
    assertEquals("lr,loss,smoothed", csv.get(0));
    assertTrue(csv.size() >= 3 && csv.size() <= 31, "at most 30 points: " + csv.size());
    double previousLr = 0;
    for (String row : csv.subList(1, csv.size())) {
      String[] f = row.split(",");
      double lr = Double.parseDouble(f[0]);
      assertTrue(lr > previousLr, "the LR grows at every step: " + row);
      previousLr = lr;
    }
    assertEquals(1e-4, Double.parseDouble(csv.get(1).split(",")[0]), 1e-18);
    // 256 images are 8 minibatches; 30 steps reuse them, and at LR 100 the loss of this network blows up.
    assertTrue(Double.parseDouble(csv.get(1).split(",")[1]) > 1.5, "starts near ln(10): " + csv.get(1));
    String suggestion = Files.readString(run.resolve("suggestion.txt"));
    assertTrue(suggestion.contains("suggested lr (steepest descent):"), suggestion);
    assertTrue(suggestion.contains("suggested lr (minimum / 10):"), suggestion);
    assertNotNull(ImageIO.read(run.resolve("lr-find.png").toFile()), "lr-find.png decodes");
    assertTrue(Files.readString(run.resolve("config.conf")).contains("batch-size"));
  }

  @Test
  void shouldExitWithCodeOneAndLeaveNoFolderWhenTheDataCannotBeRead() throws IOException {
    int exit = Main.run("lr-find",
        "--set", "data.source=cifar-binary",
        "--set", "data.path=\"" + out.resolve("no-such-cifar.tar.gz") + "\"",
        "--set", "output.dir=\"" + out.resolve("runs").toUri() + "\"");
    assertEquals(Main.EXIT_FAILURE, exit);
    try (Stream<Path> left = Files.exists(out.resolve("runs")) ? Files.list(out.resolve("runs")) : Stream.empty()) {
      assertEquals(List.of(), left.toList(), "no lr-find folder for a range test that never started");
    }
  }
}
