package io.lrsched.schedule;

/** Renders schedules as {@code name(key=value, ...)} so every {@code toString()} reads the same way. */
final class Text {
  private Text() {}

  /** {@code name(k1=v1, k2=v2, ...)} from alternating keys and values. */
  static String describe(String name, Object... keysAndValues) {
    StringBuilder sb = new StringBuilder(name).append('(');
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(keysAndValues[i]).append('=').append(keysAndValues[i + 1]);
    }
    return sb.append(')').toString();
  }
}
