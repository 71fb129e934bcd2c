package io.lrsched.schedule;

/**
 * Argument checks shared by the schedules' constructors. The registry reports configuration errors with
 * the full key first; these checks are the last line for code that builds schedules directly.
 */
final class Check {
  private Check() {}

  static double positive(String what, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a finite number > 0; got " + v);
    }
    return v;
  }

  static double nonNegative(String what, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a finite number >= 0; got " + v);
    }
    return v;
  }

  static double inRange(String what, double v, double lo, boolean loOpen, double hi, boolean hiOpen) {
    boolean ok = (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
    if (!ok) {
      throw new IllegalArgumentException(
          what + " must be in " + (loOpen ? "(" : "[") + lo + ", " + hi + (hiOpen ? ")" : "]") + "; got " + v);
    }
    return v;
  }

  static int atLeast(String what, int v, int min) {
    if (v < min) {
      throw new IllegalArgumentException(what + " must be >= " + min + "; got " + v);
    }
    return v;
  }
}
