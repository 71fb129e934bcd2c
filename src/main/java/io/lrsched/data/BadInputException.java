package io.lrsched.data;

import io.lrsched.error.UserError;

/**
 * Input data the user must fix (an unreadable image, a truncated record, a file of the wrong size), with a one-line
 * message that names the file and the problem. Thrown on executors as well as on the driver: the driver finds it in
 * a failed Spark job's cause chain ({@link #find}) and reports its message alone, without Spark's stack trace.
 */
public final class BadInputException extends UserError {
  private static final long serialVersionUID = 1L;

  /** @param message one line: the file (or archive entry) and what is wrong with it */
  public BadInputException(String message) {
    super(EXIT_FAILURE, "error", oneLine(message), null);
  }

  /**
   * @param message one line: the file (or archive entry) and what is wrong with it
   * @param cause the underlying failure, kept for the log
   */
  public BadInputException(String message, Throwable cause) {
    super(EXIT_FAILURE, "error", oneLine(message), cause);
  }

  /** Messages of underlying libraries may span lines; the user gets one. */
  private static String oneLine(String message) {
    return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /**
   * The bad input behind a failure, if there is one: Spark delivers a task's exception as the cause of the job's
   * {@code SparkException}, in local mode and on a cluster alike.
   *
   * @param failure what an action threw
   * @return the first BadInputException in the cause chain, or null
   */
  public static BadInputException find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BadInputException bad) {
        return bad;
      }
    }
    return null;
  }
}
