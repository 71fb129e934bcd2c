package io.lrsched.download;

/** A download that could not finish for a reason the user can act on; the message is one line. */
public final class DownloadFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DownloadFailure(String message) {
    super(message);
  }

  DownloadFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
