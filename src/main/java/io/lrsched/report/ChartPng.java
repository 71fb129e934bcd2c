package io.lrsched.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
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
    chart.getStyler().setxAxisTickLabelsFormattingFunction(ChartPng::tickLabel);
    chart.getStyler().setyAxisTickLabelsFormattingFunction(ChartPng::tickLabel);
    return chart;
  }

  /**
   * A tick label as people write numbers: {@code 0.09} (XChart's own pattern writes {@code .09}), {@code 2.5},
   * {@code 100}; below 0.0001 or from a million on, {@code 1e-05}-style scientific notation (log axes of decaying
   * learning rates). At most 4 significant digits, which tick values never need more of.
   */
  static String tickLabel(Double value) {
    double v = value;
    if (v == 0 || !Double.isFinite(v)) {
      return v == 0 ? "0" : Double.toString(v);
    }
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    double magnitude = Math.abs(v);
    if (magnitude >= 1e-4 && magnitude < 1e6) {
      return rounded.toPlainString();
    }
    String mantissa = rounded.unscaledValue().toString();
    boolean negative = mantissa.startsWith("-");
    String digits = negative ? mantissa.substring(1) : mantissa;
    int exponent = digits.length() - 1 - rounded.scale();
    String body = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (negative ? "-" : "") + body + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d",
        Math.abs(exponent));
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
