package io.lrsched.cli;

import io.lrsched.error.UserError;
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
    if (e instanceof UserError error) {
      if (error.getCause() != null) {
        // The console gets the lines; the log keeps the whole chain (e.g. the executor's trace behind a bad file).
        RunLog.error("run failed: " + e.getMessage(), e);
      }
      String prefix = error.label().isEmpty() ? "lrsched: " : "lrsched: " + error.label() + ": ";
      error.lines().forEach(line -> cli.getErr().println(prefix + line));
      return error.exitCode();
    }
    cli.getErr().println("lrsched: failed: " + e);
    e.printStackTrace(cli.getErr());
    return Main.EXIT_FAILURE;
  }
}
