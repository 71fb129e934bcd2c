package io.lrsched.config;

/**
 * A mistake in an experiment's configuration that the user can fix: the message is one line naming the file, the
 * key, the value and what is allowed. The command line turns it into exit code 2.
 */
public final class ConfigError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message one line: where, which key, which value, what is allowed */
  public ConfigError(String message) {
    super(message);
  }
}
