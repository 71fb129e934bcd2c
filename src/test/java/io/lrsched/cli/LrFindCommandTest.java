package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.config.ConfigError;
import io.lrsched.config.LrFinderSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** lr-find's argument handling; the sweep itself runs in LrFindCommandIT. */
class LrFindCommandTest {

  private static LrFindCommand parse(String... args) {
    LrFindCommand command = new LrFindCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void shouldTakeTheFastAiSweepFromReferenceConf() {
    assertEquals(new LrFinderSettings(1e-6, 10, 100, 0.98, 4), parse().source.load(parse().shorthands()).lrFinder());
  }

  @Test
  void shouldReadEverySweepOptionAsAShorthandThatWinsOverSet() {
    LrFindCommand command = parse("--min-lr", "1e-5", "--max-lr", "1", "--batches", "50",
        "--smoothing", "0.9", "--stop-factor", "5", "--set", "training.batch-size=64", "--set", "lr-finder.batches=7");
    assertEquals(new LrFinderSettings(1e-5, 1, 50, 0.9, 5), command.source.load(command.shorthands()).lrFinder());
    assertEquals(java.util.List.of("training.batch-size=64", "lr-finder.batches=7"), command.source.overrides);
  }

  @Test
  void shouldTurnABadSweepOptionIntoAConfigurationErrorNamingIt() {
    LrFindCommand command = parse("--min-lr", "1", "--max-lr", "0.1");
    ConfigError e = assertThrows(ConfigError.class, () -> command.source.load(command.shorthands()));
    assertEquals(List.of("--set lr-finder.max-lr=0.1: lr-finder.max-lr = 0.1: expected a number > min-lr (1.0)"),
        e.problems());
  }

  @Test
  void shouldExitWithCodeTwoBeforeStartingSpark() {
    assertEquals(Main.EXIT_CONFIG, Main.run("lr-find", "--batches", "1"));
    assertEquals(Main.EXIT_CONFIG, Main.run("lr-find", "--set", "training.momentum=2"));
  }
}
