package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.config.SettingsLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lrsched config}, which submit/cluster.sh uses to build the file it ships. */
class ConfigCommandTest {
  private final PrintStream out = System.out;
  private final PrintStream err = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();

  @TempDir Path dir;

  @AfterEach
  void restore() {
    System.setOut(out);
    System.setErr(err);
  }

  private int run(String... args) {
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
    try {
      return Main.run(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void shouldPrintASelfContainedFileThatLoadsToTheSameSettings() throws IOException {
    Files.writeString(dir.resolve("base.conf"), "training.lr = 0.05\n");
    Path experiment = dir.resolve("e.conf");
    Files.writeString(experiment, "include \"base.conf\"\nschedule.type = step\n");

    assertEquals(0, run("config", experiment.toString(), "--epochs", "7", "--set", "schedule.step.factor=0.5"));

    Path printed = dir.resolve("printed.conf");
    Files.writeString(printed, captured.toString(StandardCharsets.UTF_8));
    Files.delete(dir.resolve("base.conf")); // nothing of the include is needed any more
    ExperimentSettings original = new SettingsLoader().load(printed, List.of());
    assertEquals(0.05, original.training().lr());
    assertEquals(7, original.training().epochs());
    assertEquals("step", original.schedule().type());
    assertEquals(0.5, original.schedule().parameters().asMap().get("factor"));
  }

  @Test
  void shouldReportEveryProblemOnItsOwnLineAndExitWithTwo() throws IOException {
    Path experiment = dir.resolve("bad.conf");
    Files.writeString(experiment, "training.epochs = 0\nschedule { type = step, step.factor = 2 }\n");

    assertEquals(Main.EXIT_CONFIG, run("config", experiment.toString()));

    List<String> lines = capturedErr.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("lrsched: configuration error: " + experiment + ":1: training.epochs = 0"),
        lines.toString());
    assertTrue(lines.get(1).startsWith("lrsched: configuration error: " + experiment + ":2: schedule.step.factor = 2"),
        lines.toString());
    assertEquals("", captured.toString(StandardCharsets.UTF_8), "nothing half-printed on stdout");
  }
}
