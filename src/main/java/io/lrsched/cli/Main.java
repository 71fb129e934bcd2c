package io.lrsched.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The application's entry point, for {@code spark-submit} and {@code submit/local.sh} alike: {@code lrsched COMMAND
 * [options]}.
 */
@Command(
    name = "lrsched",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Learning-rate schedule experiments for deep networks on Apache Spark.",
    subcommands = {TrainCommand.class, ConfigCommand.class, PlotScheduleCommand.class, LrFindCommand.class,
        BenchCommand.class, EvaluateCommand.class, RunsCommand.class, CompareCommand.class,
        SweepReportCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {

  /** Exit code of a configuration mistake the user can fix. */
  public static final int EXIT_CONFIG = 2;

  /** Exit code of a failure while running (missing data, unwritable output, training failure). */
  public static final int EXIT_FAILURE = 1;

  /**
   * Runs one command and returns its exit code; the JVM is left running (tests call this).
   *
   * @param args the command line
   * @return 0 on success, {@link #EXIT_FAILURE} or {@link #EXIT_CONFIG} otherwise
   */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    return cli.execute(args);
  }

  /**
   * Runs one command and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }
}
