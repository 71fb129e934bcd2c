package io.lrsched.report;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** One metric of several runs against epoch, a line per run, with a legend naming each. */
public final class OverlayPlot {

  private OverlayPlot() {}

  /**
   * @param title the plot's title
   * @param yTitle the metric's name
   * @param series one per run, legend names unique
   * @param logY whether the y axis is logarithmic (values of 0 or less are then left out as gaps)
   * @param markers whether to mark the points (per-epoch metrics; not staircases, whose corners are no data)
   * @throws IllegalArgumentException if there are no series or names repeat
   */
  public static byte[] toPng(String title, String yTitle, List<PlotSeries> series, boolean logY, boolean markers) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("an overlay plot needs at least one series");
    }
    XYChart chart = ChartPng.newChart(title, "Epoch #", yTitle, 900, 600);
    chart.getStyler().setYAxisLogarithmic(logY);
    // Legends name runs by their settings, which can be long: below the plot, not beside it.
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
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
      line.setMarker(markers && s.x().length <= 50 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
    return ChartPng.encode(chart);
  }
}
