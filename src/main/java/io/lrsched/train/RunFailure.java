package io.lrsched.train;

/**
 * A run that could not go on for a reason the user can act on (missing data, unwritable output): the message is one
 * line, and the command line exits with code 1 without a stack trace.
 */
public final class RunFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message one line saying what failed and where */
  public RunFailure(String message) {
    super(message);
  }

  /**
   * @param message one line saying what failed and where
   * @param cause the underlying failure, kept for the log
   */
  public RunFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
