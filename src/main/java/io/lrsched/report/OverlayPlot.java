package io.lrsched.report;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** One metric of several runs against epoch, a line per run, with a legend naming each. */
public final class OverlayPlot {

  private OverlayPlot() {}

  /**
   * @param title the plot's title
   * @param yTitle the metric's name
   * @param series one per run, legend names unique
   * @param logY whether the y axis is logarithmic (values of 0 or less are then left out as gaps)
   * @throws IllegalArgumentException if there are no series or names repeat
   */
  public static byte[] toPng(String title, String yTitle, List<PlotSeries> series, boolean logY) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("an overlay plot needs at least one series");
    }
    XYChart chart = ChartPng.newChart(title, "Epoch #", yTitle, 900, 600);
    chart.getStyler().setYAxisLogarithmic(logY);
    for (PlotSeries s : series) {
      if (chart.getSeriesMap().containsKey(s.name())) {
        throw new IllegalArgumentException("overlay plot series name '" + s.name() + "' is used twice");
      }
      double[] y = ChartPng.finiteOrGap(s.y());
      if (logY) {
        for (int i = 0; i < y.length; i++) {
          y[i] = y[i] > 0 ? y[i] : Double.NaN;
        }
      }
      XYSeries line = chart.addSeries(s.name(), s.x(), y);
      line.setMarker(s.x().length <= 20 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
    return ChartPng.encode(chart);
  }
}
