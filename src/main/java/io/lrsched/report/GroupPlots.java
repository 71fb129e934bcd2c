package io.lrsched.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Plots of groups of repeated runs (a sweep's seeds): mean curves with a confidence band, and a strip plot. */
public final class GroupPlots {

  /**
   * One group's curve.
   *
   * @param name the legend label
   * @param x epochs
   * @param mean the mean over the group's runs
   * @param low the band's lower edge (NaN where there is none, e.g. one run)
   * @param high the band's upper edge
   */
  public record Band(String name, double[] x, double[] mean, double[] low, double[] high) {}

  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22), new Color(0x7f7f7f)
  };

  private GroupPlots() {}

  /** Mean lines with the band's edges as thin lines of the same colour (the band itself not in the legend). */
  public static byte[] bands(String title, String yTitle, List<Band> bands) {
    if (bands.isEmpty()) {
      throw new IllegalArgumentException("a band plot needs at least one group");
    }
    XYChart chart = ChartPng.newChart(title, "Epoch #", yTitle, 900, 600);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    for (int i = 0; i < bands.size(); i++) {
      Band b = bands.get(i);
      Color colour = PALETTE[i % PALETTE.length];
      XYSeries mean = chart.addSeries(b.name(), b.x(), ChartPng.finiteOrGap(b.mean()));
      mean.setLineColor(colour);
      mean.setMarkerColor(colour);
      mean.setMarker(SeriesMarkers.CIRCLE);
      mean.setLineWidth(2.5f);
      if (hasFinite(b.low())) {
        for (double[] edge : List.of(b.low(), b.high())) {
          XYSeries line = chart.addSeries(b.name() + (edge == b.low() ? " (CI low)" : " (CI high)"), b.x(),
              ChartPng.finiteOrGap(edge));
          line.setLineColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 140));
          line.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
              new float[] {4f, 4f}, 0f));
          line.setMarker(SeriesMarkers.NONE);
          line.setShowInLegend(false);
        }
      }
    }
    return ChartPng.encode(chart);
  }

  /**
   * One column of points per group (each point one run), slightly spread sideways so that equal values stay
   * visible; the legend names the groups, in column order.
   */
  public static byte[] strip(String title, String yTitle, List<String> groups, List<double[]> values) {
    if (groups.isEmpty() || groups.size() != values.size()) {
      throw new IllegalArgumentException("a strip plot needs one list of values per group");
    }
    XYChart chart = ChartPng.newChart(title, "group (in legend order)", yTitle, 900, 500);
    chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setMarkerSize(11);
    chart.getStyler().setXAxisMin(0.5);
    chart.getStyler().setXAxisMax(groups.size() + 0.5);
    chart.getStyler().setXAxisTicksVisible(false);
    for (int g = 0; g < groups.size(); g++) {
      double[] y = values.get(g);
      if (y.length == 0) {
        continue;
      }
      double[] x = new double[y.length];
      for (int k = 0; k < y.length; k++) {
        x[k] = g + 1 + (y.length == 1 ? 0 : 0.24 * (2.0 * k / (y.length - 1) - 1));
      }
      XYSeries s = chart.addSeries(groups.get(g), x, y);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(PALETTE[g % PALETTE.length]);
      s.setFillColor(PALETTE[g % PALETTE.length]);
    }
    return ChartPng.encode(chart);
  }

  private static boolean hasFinite(double[] values) {
    for (double v : values) {
      if (Double.isFinite(v)) {
        return true;
      }
    }
    return false;
  }
}
