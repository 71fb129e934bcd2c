package io.lrsched.config;

import io.lrsched.error.UserError;
import java.util.List;

/**
 * Mistakes in an experiment's configuration that the user can fix: one line per problem, each naming where the
 * value came from (file and line, or the {@code --set} that gave it), the key, the value and what is allowed; exit
 * code {@link UserError#EXIT_CONFIG}.
 */
public final class ConfigError extends UserError {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** @param message one line: where, which key, which value, what is allowed */
  public ConfigError(String message) {
    this(List.of(message));
  }

  /** @param problems every problem found, one line each (at least one) */
  public ConfigError(List<String> problems) {
    super(EXIT_CONFIG, "configuration error", String.join("\n", problems), null);
    this.problems = List.copyOf(problems);
  }

  /** @return every problem found, one line each */
  public List<String> problems() {
    return problems;
  }

  @Override
  public List<String> lines() {
    return problems;
  }
}
