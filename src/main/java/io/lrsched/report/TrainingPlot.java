package io.lrsched.report;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The tutorial's training plot: train_loss, val_loss, train_acc and val_acc against the epoch, ggplot style, as a
 * PNG.
 */
public final class TrainingPlot {
  /** The tutorial's title. */
  public static final String DEFAULT_TITLE = "Training Loss and Accuracy on CIFAR-10";

  private static final List<String> CIFAR10_CLASSES = List.of(
      "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  private final String title;
  private final int width;
  private final int height;

  /** The tutorial's plot: {@link #DEFAULT_TITLE}, 800x600 pixels. */
  public TrainingPlot() {
    this(DEFAULT_TITLE, 800, 600);
  }

  /**
   * The tutorial's title, naming the data the run trained on: CIFAR-10 when the classes are CIFAR-10's (however the
   * images were stored), otherwise the data set's folder or archive name.
   *
   * @param classNames the run's classes, in label order
   * @param source {@code data.source}
   * @param path {@code data.path}
   */
  public static String titleFor(List<String> classNames, String source, String path) {
    if (classNames.equals(CIFAR10_CLASSES)) {
      return DEFAULT_TITLE;
    }
    if (source.equals("synthetic") || path.isBlank()) {
      return "Training Loss and Accuracy on synthetic data";
    }
    String name = path.replaceAll("/+$", "");
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\.(tar\\.gz|tgz|tar)$", "");
    return "Training Loss and Accuracy on " + name;
  }

  /**
   * @param title the plot's title
   * @param width pixels, at least 100
   * @param height pixels, at least 100
   */
  public TrainingPlot(String title, int width, int height) {
    this.title = title;
    this.width = width;
    this.height = height;
  }

  /**
   * Draws the curves of a run so far; one epoch is drawn as points.
   *
   * @throws IllegalArgumentException if the history is empty
   */
  public byte[] toPng(List<EpochMetrics> history) {
    if (history.isEmpty()) {
      throw new IllegalArgumentException("a training plot needs at least one epoch");
    }
    int n = history.size();
    double[] epochs = new double[n];
    double[] loss = new double[n];
    double[] valLoss = new double[n];
    double[] acc = new double[n];
    double[] valAcc = new double[n];
    for (int i = 0; i < n; i++) {
      EpochMetrics m = history.get(i);
      epochs[i] = m.epoch();
      loss[i] = m.loss();
      valLoss[i] = m.valLoss();
      acc[i] = m.accuracy();
      valAcc[i] = m.valAccuracy();
    }
    XYChart chart = ChartPng.newChart(title, "Epoch #", "Loss/Accuracy", width, height);
    add(chart, "train_loss", epochs, loss);
    add(chart, "val_loss", epochs, valLoss);
    add(chart, "train_acc", epochs, acc);
    add(chart, "val_acc", epochs, valAcc);
    return ChartPng.encode(chart);
  }

  private static void add(XYChart chart, String name, double[] x, double[] y) {
    XYSeries series = chart.addSeries(name, x, ChartPng.finiteOrGap(y));
    // A line needs two points; a single epoch would otherwise leave the plot empty.
    series.setMarker(x.length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
  }
}
