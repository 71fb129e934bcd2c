package io.lrsched.results;

import io.lrsched.report.AppliedLrCurve;
import io.lrsched.report.EpochMetrics;
import io.lrsched.report.HtmlTemplates;
import io.lrsched.report.OverlayPlot;
import io.lrsched.report.PlotSeries;
import io.lrsched.storage.RunFolder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Writes a comparison into a folder: the table as text, CSV and Markdown, one overlay plot per metric (a line per
 * run) and the applied learning rates, and {@code comparison.html} showing all of it.
 */
public final class ComparisonWriter {

  public static final String TEXT = "comparison.txt";
  public static final String CSV = "comparison.csv";
  public static final String MARKDOWN = "comparison.md";
  public static final String HTML = "comparison.html";

  private ComparisonWriter() {}

  /**
   * @param comparison the runs
   * @param out the folder to write into
   * @param lrLog whether the learning-rate overlay uses a log axis; null decides by the data (log when the rates
   *     span more than two decades)
   * @return the files written, by name
   */
  public static List<String> write(Comparison comparison, RunFolder out, Boolean lrLog) {
    Map<String, byte[]> plots = new LinkedHashMap<>();
    plots.put("val_accuracy.png", metric(comparison, "Validation accuracy", "val_accuracy", EpochMetrics::valAccuracy));
    plots.put("val_loss.png", metric(comparison, "Validation loss", "val_loss", EpochMetrics::valLoss));
    plots.put("loss.png", metric(comparison, "Training loss", "loss", EpochMetrics::loss));
    List<PlotSeries> lrs = new ArrayList<>();
    for (Comparison.Row r : comparison.rows()) {
      lrs.add(AppliedLrCurve.staircase(r.label(), r.run().applied()));
    }
    boolean log = lrLog != null ? lrLog : AppliedLrCurve.spansDecades(lrs);
    plots.put("lr.png", OverlayPlot.toPng("Learning rate as applied" + (log ? " (log scale)" : ""), "Learning Rate",
        lrs, log, false));

    out.writeText(TEXT, comparison.toText());
    out.writeText(CSV, comparison.toCsv());
    out.writeText(MARKDOWN, comparison.toMarkdown());
    plots.forEach(out::writeBytes);

    Map<String, Object> model = new LinkedHashMap<>();
    model.put("created", Instant.now().toString());
    model.put("header", comparison.header());
    model.put("rows", comparison.cells());
    model.put("keys", comparison.keys());
    List<Map<String, String>> runs = new ArrayList<>();
    for (Comparison.Row r : comparison.rows()) {
      runs.add(Map.of("label", r.label(), "id", r.run().id(), "uri", r.run().uri()));
    }
    model.put("runs", runs);
    List<Map<String, String>> images = new ArrayList<>();
    plots.forEach((name, png) -> images.add(Map.of("name", name, "src", HtmlTemplates.pngDataUri(png))));
    model.put("images", images);
    out.writeText(HTML, HtmlTemplates.render("comparison.ftlh", model));

    List<String> written = new ArrayList<>(List.of(TEXT, CSV, MARKDOWN));
    written.addAll(plots.keySet());
    written.add(HTML);
    return written;
  }

  private static byte[] metric(Comparison comparison, String title, String name,
      ToDoubleFunction<EpochMetrics> value) {
    List<PlotSeries> series = new ArrayList<>();
    for (Comparison.Row r : comparison.rows()) {
      List<EpochMetrics> h = r.run().history();
      if (h.isEmpty()) {
        continue;
      }
      double[] x = h.stream().mapToDouble(EpochMetrics::epoch).toArray();
      double[] y = h.stream().mapToDouble(value).toArray();
      series.add(new PlotSeries(r.label(), x, y));
    }
    return OverlayPlot.toPng(title, name, series, false, true);
  }
}
