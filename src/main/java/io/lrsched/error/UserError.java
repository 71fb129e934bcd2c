package io.lrsched.error;

import java.util.List;

/**
 * A failure the user caused and can fix (a wrong setting, missing or bad data, an unwritable output): the command
 * line prints its {@link #lines()} alone, each after its {@link #label()}, and exits with its {@link #exitCode()},
 * with no stack trace; the cause, if any, goes to the log. Every such failure extends this type, so the command line
 * maps one type and no layer needs to re-throw one kind as another.
 */
public abstract class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code of a failure while running (missing data, unwritable output, training failure). */
  public static final int EXIT_FAILURE = 1;

  /** Exit code of a configuration mistake. */
  public static final int EXIT_CONFIG = 2;

  /** Exit code of a run whose training loss became NaN, infinite or exploded (an outcome, not a fault). */
  public static final int EXIT_DIVERGED = 3;

  private final int exitCode;
  private final String label;

  /**
   * @param exitCode the process's exit code, {@link #EXIT_FAILURE}, {@link #EXIT_CONFIG} or {@link #EXIT_DIVERGED}
   * @param label what kind of mistake, e.g. "error" or "configuration error"; empty where the message says it
   * @param message one line (or one line per problem) naming what to fix
   * @param cause the underlying failure kept for the log, or null
   */
  protected UserError(int exitCode, String label, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.label = label;
  }

  /** The process's exit code. */
  public int exitCode() {
    return exitCode;
  }

  /** What kind of mistake, printed before each line. */
  public String label() {
    return label;
  }

  /** The lines the console shows: the message, or one per problem. */
  public List<String> lines() {
    return List.of(getMessage());
  }
}
