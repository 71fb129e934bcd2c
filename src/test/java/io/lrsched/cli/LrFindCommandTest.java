package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.finder.LrFinderSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/** lr-find's argument handling; the sweep itself runs in LrFindCommandIT. */
class LrFindCommandTest {

  private static LrFindCommand parse(String... args) {
    LrFindCommand command = new LrFindCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void shouldDefaultToTheFastAiSweep() {
    assertEquals(new LrFinderSettings(1e-6, 10, 100, 0.98, 4), parse().finderSettings());
  }

  @Test
  void shouldReadEverySweepOption() {
    LrFindCommand command = parse("conf/x.conf", "--min-lr", "1e-5", "--max-lr", "1", "--batches", "50",
        "--smoothing", "0.9", "--stop-factor", "5", "--set", "training.batch-size=64");
    assertEquals(new LrFinderSettings(1e-5, 1, 50, 0.9, 5), command.finderSettings());
    assertEquals("conf/x.conf", command.source.experimentFile.toString());
    assertEquals(java.util.List.of("training.batch-size=64"), command.source.overrides);
  }

  @Test
  void shouldTurnABadSweepOptionIntoAUsageErrorNamingIt() {
    ParameterException e =
        assertThrows(ParameterException.class, () -> parse("--min-lr", "1", "--max-lr", "0.1").finderSettings());
    assertTrue(e.getMessage().startsWith("--max-lr = 0.1"), e.getMessage());
  }

  @Test
  void shouldExitWithCodeTwoBeforeStartingSpark() {
    assertEquals(Main.EXIT_CONFIG, Main.run("lr-find", "--batches", "1"));
    assertEquals(Main.EXIT_CONFIG, Main.run("lr-find", "--set", "training.momentum=2"));
  }
}
