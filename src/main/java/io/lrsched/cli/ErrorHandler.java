package io.lrsched.cli;

import io.lrsched.config.ConfigError;
import io.lrsched.train.RunFailure;
import io.lrsched.train.TrainingDiverged;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the failures a user can cause into one line on stderr and an exit code; anything else is a bug and keeps
 * its stack trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    if (e instanceof ConfigError error) {
      error.problems().forEach(line -> cli.getErr().println("lrsched: configuration error: " + line));
      return Main.EXIT_CONFIG;
    }
    if (e instanceof TrainingDiverged) {
      RunLog.error("run diverged: " + e.getMessage(), e);
      cli.getErr().println("lrsched: " + e.getMessage());
      return Main.EXIT_DIVERGED;
    }
    if (e instanceof RunFailure) {
      // The console gets one line; the log keeps the whole chain (e.g. the executor's trace behind a bad file).
      RunLog.error("run failed: " + e.getMessage(), e);
      cli.getErr().println("lrsched: error: " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
    cli.getErr().println("lrsched: failed: " + e);
    e.printStackTrace(cli.getErr());
    return Main.EXIT_FAILURE;
  }
}
