package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plot-schedule end to end through the entry point: no Spark, no training. */
class PlotScheduleCommandTest {

  @TempDir Path out;

  private Path onlyFolder() throws IOException {
    try (Stream<Path> folders = Files.list(out)) {
      List<Path> all = folders.toList();
      assertEquals(1, all.size(), "one output folder: " + all);
      return all.get(0);
    }
  }

  @Test
  void shouldOverlayTheTutorialsSchedulesAndTabulateThem() throws IOException {
    int exit = Main.run("plot-schedule", "--schedule", "standard", "--schedule", "step", "--schedule", "linear",
        "--schedule", "poly", "--epochs", "20", "--steps-per-epoch", "10", "--separate", "--out", out.toString());
    assertEquals(0, exit);
    Path folder = onlyFolder();
    assertTrue(folder.getFileName().toString().startsWith("standard_step_linear_poly-"), folder.toString());

    List<String> epochs = Files.readAllLines(folder.resolve("schedules.csv"));
    assertEquals("epoch,standard,step,linear,poly", epochs.get(0));
    assertEquals(21, epochs.size());
    // e = 14: step has dropped once (floor(15 / 15) = 1), linear is 0.1 * (1 - 14/20), poly 0.1 * (6/20)^5,
    // standard 0.1 / (1 + decay * t) with decay = 0.1 / 20 and t = 140.
    String[] e14 = epochs.get(15).split(",");
    assertEquals(14, Integer.parseInt(e14[0]));
    assertEquals(0.1 / (1 + 0.1 / 20 * 140), Double.parseDouble(e14[1]), 1e-15);
    assertEquals(0.025, Double.parseDouble(e14[2]), 1e-15);
    assertEquals(0.1 * (1 - 14.0 / 20), Double.parseDouble(e14[3]), 1e-15);
    assertEquals(0.1 * Math.pow(6.0 / 20, 5), Double.parseDouble(e14[4]), 1e-15);

    // standard changes within an epoch, so the per-step table is there: 20 x 10 steps.
    List<String> steps = Files.readAllLines(folder.resolve("schedules-steps.csv"));
    assertEquals(1 + 200, steps.size());
    assertEquals("0,3,3," + 0.1 / (1 + 0.1 / 20 * 3), steps.get(4).substring(0, steps.get(4).indexOf(',', 6)));

    for (String png : List.of("schedules.png", "lr-standard.png", "lr-step.png", "lr-linear.png", "lr-poly.png")) {
      BufferedImage image = ImageIO.read(folder.resolve(png).toFile());
      assertNotNull(image, png + " decodes");
      assertEquals(800, image.getWidth(), png);
    }
  }

  @Test
  void shouldPlotTheExperimentsOwnScheduleWhenNoneIsNamed() throws IOException {
    assertEquals(0, Main.run("plot-schedule", "--set", "schedule.type=linear", "--set", "training.epochs=5",
        "--log-y", "--out", out.toString()));
    Path folder = onlyFolder();
    assertEquals("epoch,linear", Files.readAllLines(folder.resolve("schedules.csv")).get(0));
    assertFalse(Files.exists(folder.resolve("schedules-steps.csv")), "linear changes once per epoch only");
    assertFalse(Files.exists(folder.resolve("lr-linear.png")), "one PNG per schedule only with --separate");
  }

  @Test
  void shouldPlotAnExperimentWithoutItsData() throws IOException {
    // step.conf reads CIFAR-10 from LRSCHED_CIFAR10; plotting needs no data, so an empty data.path is fine
    assertEquals(0, Main.run("plot-schedule", "conf/experiments/step.conf", "--set", "data.path=\"\"",
        "--epochs", "3", "--out", out.toString()));
    assertEquals("epoch,step", Files.readAllLines(onlyFolder().resolve("schedules.csv")).get(0));
  }

  @Test
  void shouldExitWithCodeTwoOnAnUnknownScheduleOrABadArgument() {
    assertEquals(Main.EXIT_CONFIG, Main.run("plot-schedule", "--schedule", "nope", "--out", out.toString()));
    assertEquals(Main.EXIT_CONFIG, Main.run("plot-schedule", "--epochs", "0", "--out", out.toString()));
    assertEquals(Main.EXIT_CONFIG,
        Main.run("plot-schedule", "--schedule", "step", "--schedule", "step", "--out", out.toString()));
    assertEquals(Main.EXIT_CONFIG,
        Main.run("plot-schedule", "--schedule", "step", "--set", "schedule.step.factor=2", "--out", out.toString()));
  }
}
