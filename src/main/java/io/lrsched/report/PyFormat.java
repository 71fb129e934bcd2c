package io.lrsched.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Number formatting that matches Python's, so our text lines up digit for digit with what Keras and scikit-learn
 * print.
 *
 * <p>Why not {@code String.format("%.2f")}: Java rounds the shortest decimal form half-up (0.125 -> 0.13, 0.145 ->
 * 0.15), Python rounds the exact binary value half-even (0.125 -> 0.12, 0.145 -> 0.14).
 */
final class PyFormat {
  private PyFormat() {}

  /** Python's {@code format(v, '.{digits}f')}. */
  static String fixed(double v, int digits) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Python's {@code format(v, '.{digits}e')}, e.g. {@code 1.0000e-05}. */
  static String scientific(double v, int digits) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return fixed(v, digits);
    }
    return String.format(Locale.ROOT, "%." + digits + "e", v);
  }

  /** Right-aligns text in a field of the given width, like Python's {@code '{:>width}'}. */
  static String right(String text, int width) {
    return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
  }
}
