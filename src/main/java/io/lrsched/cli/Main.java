package io.lrsched.cli;

import io.lrsched.error.UserError;
import io.lrsched.nativeops.NativeSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

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
        BenchCommand.class, EvaluateCommand.class, SweepCommand.class, SweepStatusCommand.class,
        RunsCommand.class, CompareCommand.class, SweepReportCommand.class, DataCommand.class,
        PredictCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {

  /** Exit code of a configuration mistake the user can fix. */
  public static final int EXIT_CONFIG = UserError.EXIT_CONFIG;

  /** Exit code of a failure while running (missing data, unwritable output, training failure). */
  public static final int EXIT_FAILURE = UserError.EXIT_FAILURE;

  /** Exit code of a run stopped because its training loss became NaN, infinite or exploded. */
  public static final int EXIT_DIVERGED = UserError.EXIT_DIVERGED;

  /**
   * Runs one command and returns its exit code; the JVM is left running (tests call this).
   *
   * @param args the command line
   * @return 0 on success, {@link #EXIT_FAILURE}, {@link #EXIT_CONFIG} or {@link #EXIT_DIVERGED} otherwise
   */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setExecutionStrategy(Main::execute);
    return cli.execute(args);
  }

  /** Runs the command; for one that runs ND4J, first its settings, then the native configuration, once. */
  private static int execute(ParseResult parsed) {
    ParseResult last = parsed;
    while (last.subcommand() != null) {
      last = last.subcommand();
    }
    if (last.commandSpec().userObject() instanceof NativeCommand command) {
      try {
        command.prepare();
      } catch (CommandLine.ParameterException e) {
        throw e; // a usage error: picocli prints it with the usage help, exit 2
      } catch (RuntimeException e) {
        throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), e.getMessage(), e);
      }
      // Before ND4J loads: picks the native build and turns on DL4J's oneDNN helpers (see docs/PERFORMANCE.md).
      System.out.println("[INFO] " + NativeSetup.configure());
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /**
   * Runs one command and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int code = run(args);
    // In YARN cluster mode this is the driver inside Spark's ApplicationMaster (which sets spark.yarn.app.id), and
    // it reports SUCCEEDED only after main returns: exiting here would make YARN record FAILED and start a second
    // attempt that trains the whole run again (seen in YarnClusterIT).
    if (code != 0 || System.getProperty("spark.yarn.app.id") == null) {
      System.exit(code);
    }
  }
}
