package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.lrsched.model.ModelFile;
import io.lrsched.results.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data.validation-split}: the proof that the test split is not consulted for the choice of the best model.
 * Two runs differ only in their test split (synthetic image i of a split depends on the seed, the split and i alone,
 * so a larger test split leaves the training images as they are): everything that training and selection see is
 * the same in both, while the test figures, evaluated at the end, differ.
 */
class ValidationSplitIT {

  @TempDir Path out;

  @BeforeEach
  void localSpark() {
    System.setProperty("spark.master", "local[2]");
  }

  @AfterEach
  void clearMaster() {
    System.clearProperty("spark.master");
  }

  private Path train(String name, int testImages) throws IOException {
    assertEquals(0, Main.run("train",
        "--set", "experiment.name=" + name,
        "--set", "data.synthetic.train-size=256",
        "--set", "data.synthetic.test-size=" + testImages,
        "--set", "data.validation-split=0.25",
        "--set", "model.stages=[1,1,1]",
        "--set", "model.filters=[8,8,16,32]",
        "--set", "training.epochs=3",
        "--set", "training.batch-size=32",
        "--set", "training.workers=1",
        "--set", "training.averaging-frequency=4",
        "--set", "schedule.type=none",
        "--set", "output.dir=\"" + out.toUri() + "\""));
    try (Stream<Path> runs = Files.list(out)) {
      return runs.filter(p -> p.getFileName().toString().startsWith(name + "-")).findFirst().orElseThrow();
    }
  }

  /** metrics.csv without the seconds column: what training and validation produced. */
  private static List<String> figures(Path run) throws IOException {
    return Files.readAllLines(run.resolve("metrics.csv")).stream()
        .map(l -> l.replaceFirst("^((?:[^,]*,){6})[^,]*,", "$1")).toList();
  }

  @Test
  void shouldChooseTheBestModelOnValidationWithoutConsultingTheTestSplit() throws IOException {
    Path a = train("a", 40);
    Path b = train("b", 120);

    List<String> figures = figures(a);
    assertEquals(4, figures.size(), "header and 3 epochs: " + figures);
    assertEquals(figures, figures(b), "training and validation do not depend on the test split");
    RunRecord ra = RunRecord.parse(Files.readString(a.resolve(RunRecord.FILE)));
    RunRecord rb = RunRecord.parse(Files.readString(b.resolve(RunRecord.FILE)));
    assertEquals("held out: 0.25 of the training images", ra.validation());
    assertEquals(ra.best().get("epoch"), rb.best().get("epoch"));
    assertEquals(ra.best().get("epoch"), ra.test().get("best_epoch"), "model-best.zip is the best validation epoch");
    assertEquals(ModelFile.fromZip(Files.readAllBytes(a.resolve("model-best.zip")), "a").network().params(),
        ModelFile.fromZip(Files.readAllBytes(b.resolve("model-best.zip")), "b").network().params(),
        "the same best model");
    // Synthetic labels are i mod 10: six classes of 26 images, four of 25; 25% of each, rounded, is 7 and 6, so 66
    // are held out and 190 trained on.
    String data = Files.readString(a.resolve("data.conf"));
    assertEquals(true, data.contains("train-images = 190"), data);

    // The test split is evaluated, at the end, for the last and the best model, and reported apart.
    List<String> testA = Files.readAllLines(a.resolve("test-metrics.csv"));
    List<String> testB = Files.readAllLines(b.resolve("test-metrics.csv"));
    assertEquals("model,epoch,test_loss,test_accuracy", testA.get(0));
    assertEquals(List.of("last", "best"), testA.stream().skip(1).map(l -> l.split(",")[0]).toList());
    assertEquals(Double.parseDouble(testA.get(1).split(",")[3]), ra.test().get("last_test_accuracy"));
    assertNotEquals(testA.get(1), testB.get(1), "another test split gives other test figures");
  }
}
