package io.lrsched.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The start-of-run echo of the hyperparameters: one console line per configuration section. */
public final class SettingsEcho {
  private SettingsEcho() {}

  /**
   * @param sections section name to its keys and rendered values, in the order to print
   * @return lines such as {@code training: epochs=100 batch-size=128 ...}
   */
  public static List<String> lines(Map<String, Map<String, String>> sections) {
    List<String> lines = new ArrayList<>();
    sections.forEach((section, values) -> {
      StringJoiner line = new StringJoiner(" ", section + ": ", "");
      values.forEach((key, value) -> line.add(key + "=" + value));
      lines.add(line.toString());
    });
    return lines;
  }
}
