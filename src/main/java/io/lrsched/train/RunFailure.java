package io.lrsched.train;

import io.lrsched.config.DataSettings;
import io.lrsched.data.BadInputException;
import io.lrsched.error.UserError;
import java.io.IOException;

/**
 * A run that could not go on for a reason the user can act on (missing data, unwritable output): the message is one
 * line, exit code {@link UserError#EXIT_FAILURE}.
 */
public final class RunFailure extends UserError {
  private static final long serialVersionUID = 1L;

  /** @param message one line saying what failed and where */
  public RunFailure(String message) {
    super(EXIT_FAILURE, "error", message, null);
  }

  /**
   * @param message one line saying what failed and where
   * @param cause the underlying failure, kept for the log
   */
  public RunFailure(String message, Throwable cause) {
    super(EXIT_FAILURE, "error", message, cause);
  }

  /**
   * What loading {@code data} failed with, as the user should see it: a bad file found on an executor arrives inside
   * Spark's job failure, and its own line is what the user needs (the trace goes to the log); a source that cannot be
   * read names the keys to fix.
   *
   * @param failure what loading threw
   * @param data the data settings it loaded
   * @return the failure to report, or null when it is none of these (the caller rethrows it as it is)
   */
  public static RunFailure fromDataLoad(Exception failure, DataSettings data) {
    if (failure instanceof RunFailure runFailure) {
      return runFailure;
    }
    BadInputException bad = BadInputException.find(failure);
    if (bad != null) {
      return new RunFailure(bad.getMessage(), failure);
    }
    if (failure instanceof IllegalArgumentException) {
      return new RunFailure("data.source = " + data.source() + ", data.path = " + data.path() + ": "
          + failure.getMessage(), failure);
    }
    // A file a task could not read (permissions, a vanished file): the file system's message names it.
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return new RunFailure("data.path = " + data.path() + ": cannot read (" + io.getMessage() + ")", failure);
      }
    }
    return null;
  }
}
