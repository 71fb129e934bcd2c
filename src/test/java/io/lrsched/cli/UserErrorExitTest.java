package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user error reaches the console as its own lines and exit code through the one base type, whichever package
 * threw it: storage's, unwrapped, as well as config's.
 */
class UserErrorExitTest {
  @TempDir Path tmp;

  private record Outcome(int exitCode, List<String> errLines) {}

  private static Outcome run(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(args);
      // the test log configuration also writes the log to stderr; the console's own lines start with "lrsched:"
      List<String> console =
          err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("lrsched:")).toList();
      return new Outcome(code, console);
    } finally {
      System.setErr(saved);
    }
  }

  @Test
  void shouldReportAStorageFailureAsOneLineWithExitCodeOne() {
    Path missing = tmp.resolve("no-such-sweep");
    Outcome outcome = run("sweep-status", missing.toString());
    assertEquals(1, outcome.exitCode(), outcome.errLines().toString());
    assertEquals(1, outcome.errLines().size(), outcome.errLines().toString());
    assertTrue(outcome.errLines().get(0).startsWith("lrsched: error: ")
        && outcome.errLines().get(0).contains("no-such-sweep"), outcome.errLines().toString());
  }

  @Test
  void shouldReportEveryConfigurationProblemWithExitCodeTwo() {
    Outcome outcome = run("config", "--set", "training.lr=-1", "--set", "training.epochs=0");
    assertEquals(2, outcome.exitCode(), outcome.errLines().toString());
    assertEquals(
        List.of("lrsched: configuration error: --set training.epochs=0: training.epochs = 0: expected an integer >= 1",
            "lrsched: configuration error: --set training.lr=-1: training.lr = -1: expected a number > 0"),
        outcome.errLines());
  }
}
