package io.lrsched.schedule;

/**
 * Argument checks for values that do not come from a configuration (the config package checks those): the
 * {@link ScheduleContext} and {@link ScheduleCurve} arguments code passes, and {@link PlateauState}s restored from
 * a checkpoint.
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
