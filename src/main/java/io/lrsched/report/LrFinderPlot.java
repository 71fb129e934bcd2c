package io.lrsched.report;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The learning-rate finder's plot: loss (raw and smoothed) against the learning rate on a logarithmic axis, with
 * the suggested learning rate marked by a vertical line and a point labelled in the legend. When the loss explodes
 * at the end of the sweep, the y-axis stops at 1.5 times the starting loss so the valley stays visible.
 */
public final class LrFinderPlot {
  /** The default title. */
  public static final String DEFAULT_TITLE = "Learning Rate Finder";

  /** The y-axis ends at this multiple of the starting loss when the loss explodes beyond it. */
  private static final double CLIP_FACTOR = 1.5;

  private final String title;
  private final int width;
  private final int height;

  /** {@link #DEFAULT_TITLE}, 800x600 pixels. */
  public LrFinderPlot() {
    this(DEFAULT_TITLE, 800, 600);
  }

  /**
   * @param title the plot's title
   * @param width pixels, at least 100
   * @param height pixels, at least 100
   */
  public LrFinderPlot(String title, int width, int height) {
    this.title = title;
    this.width = width;
    this.height = height;
  }

  /**
   * Draws the finder's sweep. Points whose learning rate is not above 0 or whose loss is not finite (the loss
   * usually explodes at the end of a sweep) are left out.
   *
   * @param lrs the learning rate of each step of the sweep
   * @param losses the raw loss at each step
   * @param smoothedLosses the smoothed loss at each step, or {@code null} for none
   * @param suggestedLr the learning rate to mark, or {@code NaN} for none
   * @throws IllegalArgumentException if lengths differ or no point can be drawn
   */
  public byte[] toPng(double[] lrs, double[] losses, double[] smoothedLosses, double suggestedLr) {
    if (lrs.length != losses.length || (smoothedLosses != null && smoothedLosses.length != lrs.length)) {
      throw new IllegalArgumentException(
          "learning-rate finder plot needs as many losses as learning rates: got " + lrs.length + " learning rates, "
              + losses.length + " losses"
              + (smoothedLosses == null ? "" : ", " + smoothedLosses.length + " smoothed losses"));
    }
    XYChart chart = ChartPng.newChart(title, "Learning Rate (log scale)", "Loss", width, height);
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setXAxisDecimalPattern("0.0E0");
    boolean drawn = addFinite(chart, "loss", lrs, losses);
    if (smoothedLosses != null) {
      drawn |= addFinite(chart, "smoothed loss", lrs, smoothedLosses);
    }
    if (!drawn) {
      throw new IllegalArgumentException(
          "learning-rate finder plot has no point with a learning rate above 0 and a finite loss");
    }
    clipExplosion(chart, smoothedLosses != null ? smoothedLosses : losses);
    if (suggestedLr > 0 && Double.isFinite(suggestedLr)) {
      double[] curve = smoothedLosses != null ? smoothedLosses : losses;
      double loss = lossNear(lrs, curve, suggestedLr);
      if (Double.isFinite(loss)) {
        XYSeries point =
            chart.addSeries(
                "suggested lr " + KerasLine.formatLr(suggestedLr), new double[] {suggestedLr}, new double[] {loss});
        point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        point.setMarker(SeriesMarkers.DIAMOND);
      }
      chart.addAnnotation(new AnnotationLine(suggestedLr, true, false));
    }
    return ChartPng.encode(chart);
  }

  private static boolean addFinite(XYChart chart, String name, double[] lrs, double[] losses) {
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < lrs.length; i++) {
      if (lrs[i] > 0 && Double.isFinite(lrs[i]) && Double.isFinite(losses[i])) {
        points.add(new double[] {lrs[i], losses[i]});
      }
    }
    if (points.isEmpty()) {
      return false;
    }
    double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
    XYSeries series = chart.addSeries(name, x, y);
    series.setMarker(x.length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    return true;
  }

  /**
   * The loss explodes at the end of a sweep, to hundreds of times its start; on the full range the interesting
   * valley is a flat line. Like fastai's plot, show up to a little above the starting loss.
   */
  private static void clipExplosion(XYChart chart, double[] curve) {
    double start = Double.NaN;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : curve) {
      if (Double.isFinite(v)) {
        start = Double.isNaN(start) ? v : start;
        max = Math.max(max, v);
      }
    }
    if (start > 0 && max > CLIP_FACTOR * start) {
      chart.getStyler().setYAxisMax(CLIP_FACTOR * start);
    }
  }

  /** The curve's value at the sampled learning rate closest (on the log scale) to the suggestion. */
  private static double lossNear(double[] lrs, double[] curve, double lr) {
    double best = Double.NaN;
    double distance = Double.POSITIVE_INFINITY;
    for (int i = 0; i < lrs.length; i++) {
      if (lrs[i] > 0 && Double.isFinite(curve[i])) {
        double d = Math.abs(Math.log(lrs[i]) - Math.log(lr));
        if (d < distance) {
          distance = d;
          best = curve[i];
        }
      }
    }
    return best;
  }
}
