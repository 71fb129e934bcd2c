package io.lrsched.storage;

import io.lrsched.error.UserError;

/**
 * A run folder could not be created, read or written (unwritable folder, unknown URI scheme, missing file,
 * unreachable file system).
 *
 * <p>The message is one line that names the path and the cause, fit to print as the CLI's only error line; the
 * underlying {@link java.io.IOException} stays attached as the cause for logs.
 */
public class StorageException extends UserError {
  private static final long serialVersionUID = 1L;

  /**
   * @param message one line naming the path and what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public StorageException(String message, Throwable cause) {
    super(EXIT_FAILURE, "error", message, cause);
  }

  /** @param message one line naming the path and what went wrong */
  public StorageException(String message) {
    super(EXIT_FAILURE, "error", message, null);
  }
}
