package io.lrsched.finder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.config.LrFinderSettings;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LrFinderCurveTest {

  @Test
  void shouldSmoothWithBiasCorrection() {
    LrFinderCurve curve = new LrFinderCurve(0.5, 100);
    curve.add(1e-3, 2.0);
    curve.add(1e-2, 4.0);
    curve.add(1e-1, 1.0);
    // By hand: avg 1.0, 2.5, 1.75; bias-corrected (divided by 0.5, 0.75, 0.875): 2, 3.333..., 2
    assertArrayEquals(new double[] {2.0, 3.3333333333333335, 2.0}, curve.result().smoothed(), 1e-12);
    assertArrayEquals(new double[] {2.0, 4.0, 1.0}, curve.result().losses());
  }

  @Test
  void shouldKeepRawLossesWithoutSmoothing() {
    LrFinderCurve curve = new LrFinderCurve(0, 100);
    curve.add(1, 3.0);
    curve.add(2, 5.0);
    assertArrayEquals(new double[] {3.0, 5.0}, curve.result().smoothed(), 0);
  }

  @Test
  void shouldStopOnceTheSmoothedLossExceedsTheStopFactorTimesTheBest() {
    LrFinderCurve curve = new LrFinderCurve(0, 4);
    assertTrue(curve.add(1e-4, 2.0));
    assertTrue(curve.add(1e-3, 1.0));
    assertTrue(curve.add(1e-2, 3.9)); // 3.9 < 4 x 1.0
    assertFalse(curve.add(1e-1, 4.1));
    assertTrue(curve.stoppedEarly());
    assertEquals(4, curve.result().size(), "the point that blew up is kept for the plot");
    assertThrows(IllegalStateException.class, () -> curve.add(1, 1));
  }

  @Test
  void shouldStopWhenTheLossIsNotFinite() {
    LrFinderCurve curve = new LrFinderCurve(0.9, 4);
    assertTrue(curve.add(1e-4, 2.0));
    assertFalse(curve.add(1e-3, Double.NaN));
    assertTrue(curve.result().stoppedEarly());
    assertEquals(0, curve.result().minimumIndex());
  }

  /**
   * A synthetic sweep: the loss falls like a logistic step in ln(lr), steepest at lr = 1e-3, bottoms out near 1e-1,
   * then explodes; noise on top. The steepest suggestion lands near 1e-3, the minimum / 10 near 1e-2.
   */
  @Test
  void shouldSuggestTheSteepestDescentAndTheMinimumOverTen() {
    LrFinderSettings sweep = new LrFinderSettings(1e-6, 10, 200, 0.9, 4);
    LrFinderCurve curve = new LrFinderCurve(sweep.smoothing(), sweep.stopFactor());
    Random noise = new Random(7);
    for (int i = 0; i < sweep.batches(); i++) {
      double lr = sweep.lrAt(i);
      double x = Math.log10(lr);
      double loss = 1.0 + 1.3 / (1 + Math.exp(3 * (x + 3))) + Math.exp(4 * (x + 1)) + 0.02 * noise.nextGaussian();
      if (!curve.add(lr, loss)) {
        break;
      }
    }
    LrFinderResult result = curve.result();
    assertTrue(result.stoppedEarly(), "the explosion stops the sweep before 10: " + result);
    // The smoothing lags by about 1 / (1 - beta) = 10 points (0.35 decades here): the suggestion trails a little.
    double steepest = Math.log10(result.steepestLr());
    assertTrue(steepest > -3.3 && steepest < -2.4, "steepest descent near 1e-3: " + result.steepestLr());
    double minimum = Math.log10(result.minimumLr());
    assertTrue(minimum > -1.8 && minimum < -0.7, "minimum around 1e-1.3: " + result.minimumLr());
    assertEquals(result.steepestLr(), result.suggestedLr(), 0);
    assertTrue(result.steepestIndex() < result.minimumIndex());
  }

  @Test
  void shouldOfferNoSteepestDescentWhenTheLossOnlyRises() {
    LrFinderCurve curve = new LrFinderCurve(0, 100);
    curve.add(1e-3, 1.0);
    curve.add(1e-2, 2.0);
    curve.add(1e-1, 3.0);
    LrFinderResult result = curve.result();
    assertTrue(Double.isNaN(result.steepestLr()));
    assertEquals(1e-4, result.suggestedLr(), 1e-18, "falls back to the minimum / 10");
    assertTrue(result.suggestionText().contains("none (the loss never fell)"), result.suggestionText());
  }

  @Test
  void shouldComputeGradientsAsNumpyDoes() {
    // numpy.gradient([1, 4, 9, 16], [0, 1, 3, 4]) = [3, 2.8333, 5.5, 7] (second order inside, uneven spacing)
    double[] g = LrFinderResult.gradient(new double[] {1, 4, 9, 16}, new double[] {0, 1, 3, 4});
    assertArrayEquals(new double[] {3, 17.0 / 6, 5.5, 7}, g, 1e-12);
  }

  @Test
  void shouldWriteOneCsvRowPerPoint() {
    LrFinderCurve curve = new LrFinderCurve(0, 100);
    curve.add(0.001, 2.5);
    curve.add(0.01, 2.0);
    assertEquals("lr,loss,smoothed\n0.001,2.5,2.5\n0.01,2.0,2.0\n", curve.result().toCsv());
  }

  @Test
  void shouldIgnoreAnEarlyDipWhenLookingForTheSteepestDescent() {
    // 60 points from 1e-6 to 1: flat at 2.56 except a dip at the second point (what a barely-started moving average
    // gave on CIFAR-10), then a real descent around 1e-2 and a minimum near 0.3.
    int n = 60;
    double[] lrs = new double[n];
    double[] smoothed = new double[n];
    for (int i = 0; i < n; i++) {
      lrs[i] = Math.pow(10, -6 + 6.0 * i / (n - 1));
      double x = Math.log10(lrs[i]);
      smoothed[i] = 2.56 - 0.2 / (1 + Math.exp(-4 * (x + 2))) + (x > -0.5 ? 2 * (x + 0.5) * (x + 0.5) : 0);
    }
    smoothed[1] = 2.50;
    LrFinderResult result = LrFinderResult.of(lrs, smoothed.clone(), smoothed, false);
    assertTrue(result.steepestIndex() >= LrFinderResult.SKIP_START, "index " + result.steepestIndex());
    double steepest = Math.log10(result.steepestLr());
    assertTrue(steepest > -2.6 && steepest < -1.4, "steepest descent near 1e-2: " + result.steepestLr());
  }
}
