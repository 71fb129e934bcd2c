package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.config.SettingsLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real two-epoch experiment on Spark local[2] through the jar's entry point (what spark-submit calls): synthetic
 * data, a tiny ResNet, the step schedule with a drop between the epochs.
 */
class TrainCommandIT {

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
  void shouldTrainTwoEpochsAndWriteACompleteRunFolder() throws IOException {
    int exit =
        Main.run(
            "train",
            "--set", "experiment.name=it",
            "--set", "data.source=synthetic",
            "--set", "data.synthetic.train-size=512",
            "--set", "data.synthetic.test-size=256",
            "--set", "model.stages=[1,1,1]",
            "--set", "model.filters=[8,8,16,32]",
            "--set", "training.batch-size=32",
            "--set", "training.averaging-frequency=3",
            "--set", "schedule.step.drop-every=2",
            "--set", "output.dir=\"" + out.toUri() + "\"",
            "--schedule", "step",
            "--epochs", "2");
    assertEquals(0, exit);

    Path run;
    try (Stream<Path> runs = Files.list(out)) {
      run = runs.filter(p -> p.getFileName().toString().startsWith("it-")).findFirst().orElseThrow();
    }
    List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
    assertEquals(3, metrics.size(), "header and 2 epoch rows: " + metrics);
    String[] last = metrics.get(2).split(",");
    double valAccuracy = Double.parseDouble(last[5]);
    assertTrue(valAccuracy > 0.3, "validation accuracy clearly above chance (0.1): " + valAccuracy);
    // The step schedule drops by 0.25 after the first epoch (floor((1 + 1) / 2) = 1).
    assertEquals(0.1, Double.parseDouble(metrics.get(1).split(",")[1]), 1e-12);
    assertEquals(0.025, Double.parseDouble(last[1]), 1e-12);

    String report = Files.readString(run.resolve("classification-report.txt"));
    for (int k = 0; k < 10; k++) {
      assertTrue(report.contains("class-" + k), "report has a row for each of the 10 classes:\n" + report);
    }
    assertTrue(report.contains("weighted avg"), report);

    for (String png : List.of("training.png", "lr.png")) {
      BufferedImage image = ImageIO.read(run.resolve(png).toFile());
      assertNotNull(image, png + " decodes");
      assertTrue(image.getWidth() > 100 && image.getHeight() > 100, png);
    }
    assertTrue(Files.readString(run.resolve("config.conf")).contains("drop-every"));
    // The saved configuration is the run's: loaded back, it gives the same settings.
    ExperimentSettings again = new SettingsLoader().load(run.resolve("config.conf"), List.of());
    assertEquals(2, again.training().epochs());
    assertEquals("step", again.schedule().type());
    assertEquals(Map.of("factor", 0.25, "drop-every", 2), again.schedule().parameters().asMap());

    // Provenance: the program, the experiment, Java, Spark and its configuration, start and end.
    Map<String, String> provenance = new LinkedHashMap<>();
    List<String> sparkConf = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("provenance.txt"))) {
      int colon = line.indexOf(": ");
      if (line.startsWith("spark conf: ")) {
        sparkConf.add(line.substring("spark conf: ".length()));
      } else {
        provenance.put(line.substring(0, colon), line.substring(colon + 2));
      }
    }
    // The version Maven filtered into the build's resources: the pom's own, read here from pom.xml itself.
    Matcher pomVersion = Pattern
        .compile("<artifactId>lrsched</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(pomVersion.find(), "pom.xml names the project's version");
    assertEquals("lrsched " + pomVersion.group(1), provenance.get("program"));
    assertEquals("reference.conf", provenance.get("experiment file"));
    assertEquals(System.getProperty("java.version"), provenance.get("java"));
    assertEquals(org.apache.spark.package$.MODULE$.SPARK_VERSION(), provenance.get("spark version"));
    assertTrue(provenance.get("spark application id").startsWith("local-"), provenance.toString());
    Instant started = Instant.parse(provenance.get("started"));
    Instant finished = Instant.parse(provenance.get("finished"));
    assertTrue(!finished.isBefore(started), started + " .. " + finished);
    assertTrue(sparkConf.contains("spark.serializer=org.apache.spark.serializer.KryoSerializer"), sparkConf.toString());
    assertTrue(sparkConf.contains("spark.plugins=io.lrsched.train.NativePlugin"), sparkConf.toString());
    assertEquals(sparkConf.stream().sorted().toList(), sparkConf, "sorted");

    // Every worker recorded every step it took, with the schedule's LR applied.
    List<String> applied = Files.readAllLines(run.resolve("lr-applied.csv"));
    int stepsPerEpoch = 512 / 32;
    assertEquals(1 + 2 * stepsPerEpoch * 2, applied.size(), "2 epochs x 16 steps x 2 workers");
    for (String row : applied.subList(1, applied.size())) {
      String[] f = row.split(",");
      double expected = f[0].equals("1") ? 0.1 : 0.025;
      assertEquals(expected, Double.parseDouble(f[5]), expected * 1e-9, row);
    }
  }

  @Test
  void shouldExitWithCodeTwoOnABadValueBeforeStartingSpark() {
    int exit = Main.run("train", "--set", "training.lr=-1");
    assertEquals(Main.EXIT_CONFIG, exit);
  }

  @Test
  void shouldExitWithCodeOneAndLeaveNoRunFolderWhenTheDataCannotBeRead() throws IOException {
    int exit =
        Main.run(
            "train",
            "--set", "data.source=cifar-binary",
            "--set", "data.path=\"" + out.resolve("no-such-cifar.tar.gz") + "\"",
            "--set", "output.dir=\"" + out.resolve("runs").toUri() + "\"");
    assertEquals(Main.EXIT_FAILURE, exit);
    assertTrue(!Files.exists(out.resolve("runs")) || Files.list(out.resolve("runs")).findAny().isEmpty(),
        "no run folder for a run that never started");
  }
}
