package io.lrsched.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's {@code report.html}: status, provenance, hyperparameters, the training and learning-rate plots, the
 * per-epoch table, the classification report and the confusion matrix, in one self-contained page.
 */
public final class RunReportPage {

  /**
   * What the page shows.
   *
   * @param id the run folder's name
   * @param status running, done, failed or diverged
   * @param provenance labelled facts in display order (version, commit, Spark master, executors, start, end...)
   * @param resumedFrom where the run resumed (checkpoint and epoch), or null when it never did
   * @param hyperparameters the start-of-run echo, one line per section
   * @param differing settings that differ from reference.conf
   * @param epochs epochs the run is configured for
   * @param history finished epochs
   * @param applied the learning rates the workers applied
   * @param confusion the last evaluation's confusion matrix (actual x predicted), or null before the first
   * @param classNames the classes, in label order
   * @param trainingTitle the training plot's title ({@link TrainingPlot#titleFor})
   */
  public record Content(
      String id,
      String status,
      Map<String, String> provenance,
      String resumedFrom,
      List<String> hyperparameters,
      Map<String, String> differing,
      int epochs,
      List<EpochMetrics> history,
      List<AppliedLrCurve.Step> applied,
      long[][] confusion,
      List<String> classNames,
      String trainingTitle) {}

  private RunReportPage() {}

  /** The page's HTML. */
  public static String render(Content c) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("id", c.id());
    model.put("status", c.status());
    model.put("epochsDone", c.history().size());
    model.put("epochs", c.epochs());
    model.put("provenance", c.provenance());
    if (c.resumedFrom() != null) {
      model.put("resumedFrom", c.resumedFrom());
    }
    model.put("hyperparameters", c.hyperparameters());
    model.put("differing", c.differing());
    if (!c.history().isEmpty()) {
      model.put("trainingPng", HtmlTemplates.pngDataUri(new TrainingPlot(c.trainingTitle(), 800, 600).toPng(c.history())));
      List<AppliedLrCurve.Step> steps = c.applied().isEmpty() ? AppliedLrCurve.perEpoch(c.history()) : c.applied();
      PlotSeries lr = AppliedLrCurve.staircase("lr", steps);
      model.put("lrPng", HtmlTemplates.pngDataUri(new LearningRatePlot().toPng(lr)));
      if (AppliedLrCurve.spansDecades(List.of(lr))) {
        model.put("lrLogPng", HtmlTemplates.pngDataUri(
            new LearningRatePlot(LearningRatePlot.DEFAULT_TITLE + " (log scale)", 800, 600, true).toPng(lr)));
      }
    }
    model.put("rows", epochRows(c.history()));
    if (c.confusion() != null) {
      ClassificationReport report = ClassificationReport.fromConfusionMatrix(c.confusion(), c.classNames());
      List<Map<String, Object>> classes = new ArrayList<>();
      report.classes().forEach(m -> classes.add(classRow(m)));
      model.put("classes", classes);
      model.put("accuracy", fixed(report.accuracy(), 4));
      model.put("support", report.support());
      model.put("macro", classRow(report.macroAvg()));
      model.put("weighted", classRow(report.weightedAvg()));
      model.put("classNames", c.classNames());
      model.put("confusion", confusionRows(c.confusion(), c.classNames()));
      model.put("confusionPng", HtmlTemplates.pngDataUri(ConfusionMatrixPlot.toPng(c.confusion(), c.classNames())));
    }
    return HtmlTemplates.render("run-report.ftlh", model);
  }

  private static List<Map<String, Object>> epochRows(List<EpochMetrics> history) {
    int best = -1;
    for (int i = 0; i < history.size(); i++) {
      if (best < 0 || history.get(i).valAccuracy() > history.get(best).valAccuracy()) {
        best = i;
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      EpochMetrics m = history.get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("epoch", m.epoch());
      row.put("lr", KerasLine.formatLr(m.lr()));
      row.put("loss", fixed(m.loss(), 4));
      row.put("accuracy", fixed(m.accuracy(), 4));
      row.put("valLoss", fixed(m.valLoss(), 4));
      row.put("valAccuracy", fixed(m.valAccuracy(), 4));
      row.put("seconds", fixed(m.seconds(), 1));
      row.put("steps", m.steps());
      row.put("best", i == best);
      rows.add(row);
    }
    return rows;
  }

  private static Map<String, Object> classRow(ClassMetrics m) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", m.name());
    row.put("precision", fixed(m.precision(), 4));
    row.put("recall", fixed(m.recall(), 4));
    row.put("f1", fixed(m.f1(), 4));
    row.put("support", m.support());
    return row;
  }

  /** Each cell's count and a background shade proportional to its share of the row (recall view). */
  private static List<Map<String, Object>> confusionRows(long[][] confusion, List<String> classNames) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int a = 0; a < confusion.length; a++) {
      long total = 0;
      for (long v : confusion[a]) {
        total += v;
      }
      List<Map<String, Object>> cells = new ArrayList<>();
      for (int p = 0; p < confusion[a].length; p++) {
        double share = total == 0 ? 0 : (double) confusion[a][p] / total;
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("count", confusion[a][p]);
        cell.put("style", String.format(Locale.ROOT, "background: rgba(33, 113, 181, %.2f); color: %s", share,
            share > 0.5 ? "#fff" : "#000"));
        cells.add(cell);
      }
      rows.add(Map.of("name", classNames.get(a), "cells", cells));
    }
    return rows;
  }

  static String fixed(double v, int digits) {
    return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%." + digits + "f", v);
  }
}
