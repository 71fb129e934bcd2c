package io.lrsched.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The XChart plumbing the plots share: headless AWT, the ggplot2 look, PNG encoding. */
final class ChartPng {
  static {
    // Drivers run on servers without a display; AWT must not look for one. Set before any AWT class starts up.
    System.setProperty("java.awt.headless", "true");
  }

  private ChartPng() {}

  /** A line chart with ggplot2 styling and locale-independent tick labels. */
  static XYChart newChart(String title, String xTitle, String yTitle, int width, int height) {
    if (width < 100 || height < 100) {
      throw new IllegalArgumentException("plot size must be at least 100x100 pixels, got " + width + "x" + height);
    }
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .theme(Styler.ChartTheme.GGPlot2)
            .build();
    chart.getStyler().setLocale(Locale.ROOT);
    return chart;
  }

  /** Copies values, turning infinities into NaN, which XChart draws as a gap instead of breaking the axis. */
  static double[] finiteOrGap(double[] values) {
    double[] copy = values.clone();
    for (int i = 0; i < copy.length; i++) {
      if (Double.isInfinite(copy[i])) {
        copy[i] = Double.NaN;
      }
    }
    return copy;
  }

  static byte[] encode(XYChart chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode plot '" + chart.getTitle() + "' as PNG", e);
    }
  }
}
