package io.lrsched.report;

import java.util.Arrays;

/**
 * A named line for an overlay plot, for example one learning-rate schedule among several.
 *
 * <p>The arrays are copied on the way in and out, so a series cannot change after it is made.
 *
 * @param name the legend label
 * @param x the x values (epochs)
 * @param y the y values, as many as x
 */
public record PlotSeries(String name, double[] x, double[] y) {

  /** Checks that the series has a name and matching, non-empty x and y. */
  public PlotSeries {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a plot series needs a name");
    }
    if (x.length != y.length || x.length == 0) {
      throw new IllegalArgumentException(
          "plot series '" + name + "' needs as many x as y values, at least one: got " + x.length + " x and "
              + y.length + " y");
    }
    x = x.clone();
    y = y.clone();
  }

  /**
   * A series over consecutive epochs.
   *
   * @param firstEpoch the x value of {@code y[0]} (1 for 1-based epochs, 0 for the tutorial's 0-based ones)
   */
  public static PlotSeries byEpoch(String name, double[] y, int firstEpoch) {
    double[] x = new double[y.length];
    Arrays.setAll(x, i -> firstEpoch + i);
    return new PlotSeries(name, x, y);
  }

  @Override
  public double[] x() {
    return x.clone();
  }

  @Override
  public double[] y() {
    return y.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlotSeries other
        && name.equals(other.name)
        && Arrays.equals(x, other.x)
        && Arrays.equals(y, other.y);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + Arrays.hashCode(x)) + Arrays.hashCode(y);
  }

  @Override
  public String toString() {
    return "PlotSeries[" + name + ", " + x.length + " points]";
  }
}
