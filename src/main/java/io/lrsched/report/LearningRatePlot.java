package io.lrsched.report;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The tutorial's "Learning Rate Schedule" plot (learning rate against epoch) as a PNG, for one schedule or as an
 * overlay of several named ones. On a logarithmic y-axis, learning rates of 0 or less cannot be drawn and are left
 * out as gaps.
 */
public final class LearningRatePlot {
  /** The tutorial's title. */
  public static final String DEFAULT_TITLE = "Learning Rate Schedule";

  private final String title;
  private final int width;
  private final int height;
  private final boolean logY;

  /** The tutorial's plot: {@link #DEFAULT_TITLE}, 800x600 pixels, linear axes. */
  public LearningRatePlot() {
    this(DEFAULT_TITLE, 800, 600, false);
  }

  /**
   * @param title the plot's title
   * @param width pixels, at least 100
   * @param height pixels, at least 100
   * @param logY whether the learning-rate axis is logarithmic (shows step and cyclical schedules better)
   */
  public LearningRatePlot(String title, int width, int height, boolean logY) {
    this.title = title;
    this.width = width;
    this.height = height;
    this.logY = logY;
  }

  /** One schedule, without a legend. */
  public byte[] toPng(double[] epochs, double[] lrs) {
    return render(List.of(new PlotSeries("lr", epochs, lrs)), false);
  }

  /** One series (such as the applied staircase, see {@link AppliedLrCurve}), without a legend. */
  public byte[] toPng(PlotSeries series) {
    return render(List.of(series), false);
  }

  /**
   * Several schedules on one plot, with a legend.
   *
   * @throws IllegalArgumentException if there are no series, names repeat, or (log axis) nothing is above 0
   */
  public byte[] toPng(List<PlotSeries> series) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("a learning-rate plot needs at least one series");
    }
    return render(series, true);
  }

  private byte[] render(List<PlotSeries> series, boolean legend) {
    XYChart chart = ChartPng.newChart(title, "Epoch #", "Learning Rate", width, height);
    chart.getStyler().setLegendVisible(legend);
    chart.getStyler().setYAxisLogarithmic(logY);
    boolean anyPositive = false;
    for (PlotSeries s : series) {
      if (chart.getSeriesMap().containsKey(s.name())) {
        throw new IllegalArgumentException("learning-rate plot series name '" + s.name() + "' is used twice");
      }
      double[] y = ChartPng.finiteOrGap(s.y());
      for (int i = 0; i < y.length; i++) {
        if (logY && y[i] <= 0) {
          y[i] = Double.NaN;
        }
        anyPositive |= y[i] > 0;
      }
      XYSeries line = chart.addSeries(s.name(), s.x(), y);
      line.setMarker(y.length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
    if (logY && !anyPositive) {
      throw new IllegalArgumentException("a logarithmic learning-rate plot needs at least one learning rate above 0");
    }
    return ChartPng.encode(chart);
  }
}
