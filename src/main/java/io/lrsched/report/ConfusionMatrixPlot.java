package io.lrsched.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/** The confusion matrix (actual class down, predicted class across, counts in the cells) as a PNG and as CSV. */
public final class ConfusionMatrixPlot {

  private ConfusionMatrixPlot() {}

  /**
   * @param confusion counts, actual x predicted
   * @param classNames one per row/column
   */
  public static byte[] toPng(long[][] confusion, List<String> classNames) {
    int n = classNames.size();
    HeatMapChart chart =
        new HeatMapChartBuilder().width(760).height(680).title("Confusion matrix (validation)")
            .xAxisTitle("Predicted").yAxisTitle("Actual").theme(Styler.ChartTheme.GGPlot2).build();
    chart.getStyler().setShowValue(true);
    chart.getStyler().setPlotContentSize(1);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)});
    chart.getStyler().setValueFontColor(new Color(0xD94801));
    chart.getStyler().setHeatMapValueDecimalPattern("0");
    List<Number[]> cells = new ArrayList<>();
    long max = 1;
    for (int actual = 0; actual < n; actual++) {
      for (int predicted = 0; predicted < n; predicted++) {
        // Rows top-down in class order: the y axis counts upwards, so the first class takes the highest row.
        cells.add(new Number[] {predicted, n - 1 - actual, confusion[actual][predicted]});
        max = Math.max(max, confusion[actual][predicted]);
      }
    }
    chart.getStyler().setMin(0);
    chart.getStyler().setMax(max);
    List<String> reversed = new ArrayList<>(classNames);
    java.util.Collections.reverse(reversed);
    chart.addSeries("confusion", classNames, reversed, cells);
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the confusion matrix as PNG", e);
    }
  }

  /** {@code actual\predicted,<class>...} then one row per actual class. */
  public static String toCsv(long[][] confusion, List<String> classNames) {
    StringBuilder csv = new StringBuilder("actual\\predicted");
    classNames.forEach(c -> csv.append(',').append(c));
    csv.append('\n');
    for (int actual = 0; actual < classNames.size(); actual++) {
      csv.append(classNames.get(actual));
      for (long count : confusion[actual]) {
        csv.append(',').append(count);
      }
      csv.append('\n');
    }
    return csv.toString();
  }
}
