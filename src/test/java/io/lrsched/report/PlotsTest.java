package io.lrsched.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlotsTest {
  private static List<EpochMetrics> history(int epochs) {
    List<EpochMetrics> history = new ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      double loss = 2.0 / e;
      history.add(new EpochMetrics(e, 0.1, loss, 1 - loss / 2.5, loss * 1.1, 0.9 - loss / 2.5, 30, 391));
    }
    return history;
  }

  @Test
  void shouldDrawTrainingCurves() throws Exception {
    byte[] png = new TrainingPlot().toPng(history(20));

    BufferedImage image = Png.decode(png, 800, 600);
    Png.assertDrawn(image, 1000);
  }

  @Test
  void shouldDrawSingleEpochAsPointsAndCustomSize() throws Exception {
    byte[] png = new TrainingPlot("one epoch", 640, 480).toPng(history(1));

    BufferedImage image = Png.decode(png, 640, 480);
    Png.assertDrawn(image, 20);
  }

  @Test
  void shouldNameTheDataInTheTitle() {
    List<String> cifar = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
        "truck");
    assertEquals("Training Loss and Accuracy on CIFAR-10",
        TrainingPlot.titleFor(cifar, "image-folder", "/data/cifar10-jpeg.tar.gz"));
    assertEquals("Training Loss and Accuracy on flowers",
        TrainingPlot.titleFor(List.of("daisy", "rose"), "image-folder", "hdfs:///data/flowers.tar.gz"));
    assertEquals("Training Loss and Accuracy on pets",
        TrainingPlot.titleFor(List.of("cat", "dog"), "image-folder", "/data/pets/"));
    assertEquals("Training Loss and Accuracy on synthetic data",
        TrainingPlot.titleFor(List.of("class0", "class1"), "synthetic", ""));
  }

  @Test
  void shouldSurviveADivergedEpoch() throws Exception {
    List<EpochMetrics> history = new ArrayList<>(history(5));
    history.set(3, new EpochMetrics(4, 0.1, Double.NaN, 0.1, Double.POSITIVE_INFINITY, 0.1, 30, 391));

    Png.assertDrawn(Png.decode(new TrainingPlot().toPng(history), 800, 600), 500);
  }

  @Test
  void shouldDrawOneLearningRateSchedule() throws Exception {
    double[] epochs = new double[100];
    double[] lrs = new double[100];
    for (int e = 0; e < 100; e++) {
      epochs[e] = e;
      lrs[e] = 0.1 * Math.pow(0.25, Math.floor((1 + e) / 15.0));
    }

    Png.assertDrawn(Png.decode(new LearningRatePlot().toPng(epochs, lrs), 800, 600), 300);
  }

  @Test
  void shouldOverlaySchedulesOnALogAxisSkippingZero() throws Exception {
    double[] linear = new double[101];
    double[] poly = new double[101];
    for (int e = 0; e <= 100; e++) {
      linear[e] = 0.1 * (1 - e / 100.0);
      poly[e] = 0.1 * Math.pow(1 - e / 100.0, 5);
    }
    LearningRatePlot plot = new LearningRatePlot("Schedules", 900, 500, true);

    byte[] png = plot.toPng(List.of(PlotSeries.byEpoch("linear", linear, 0), PlotSeries.byEpoch("poly", poly, 0)));

    Png.assertDrawn(Png.decode(png, 900, 500), 300);
  }

  @Test
  void shouldRejectLogPlotWithNothingAboveZero() {
    LearningRatePlot plot = new LearningRatePlot("x", 400, 300, true);

    assertThrows(
        IllegalArgumentException.class, () -> plot.toPng(new double[] {0, 1}, new double[] {0, 0}));
  }

  @Test
  void shouldDrawLrFinderWithSuggestion() throws Exception {
    int n = 100;
    double[] lrs = new double[n];
    double[] loss = new double[n];
    double[] smooth = new double[n];
    double avg = 0;
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < n; i++) {
      lrs[i] = 1e-7 * Math.pow(10, 8.0 * i / (n - 1));
      double x = Math.log10(lrs[i]);
      loss[i] = 2.3 - 1.5 * Math.exp(-Math.pow(x + 2, 2)) + (x > -0.5 ? Math.exp(4 * (x + 0.5)) : 0)
          + 0.05 * random.nextGaussian();
      avg = 0.9 * avg + 0.1 * loss[i];
      smooth[i] = avg / (1 - Math.pow(0.9, i + 1));
    }
    loss[n - 1] = Double.POSITIVE_INFINITY;

    byte[] png = new LrFinderPlot().toPng(lrs, loss, smooth, 1e-2);

    Png.assertDrawn(Png.decode(png, 800, 600), 300);
  }

  @Test
  void shouldDrawLrFinderWithoutSmoothingOrSuggestion() throws Exception {
    byte[] png =
        new LrFinderPlot("finder", 400, 300)
            .toPng(new double[] {1e-5, 1e-3, 1e-1}, new double[] {2.3, 1.0, 5.0}, null, Double.NaN);

    Png.assertDrawn(Png.decode(png, 400, 300), 30);
  }

  @Test
  void shouldRenderHeadless() {
    new TrainingPlot().toPng(history(2));

    assertEquals("true", System.getProperty("java.awt.headless"));
    assertTrue(java.awt.GraphicsEnvironment.isHeadless());
  }
}
