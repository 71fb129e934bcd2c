package io.lrsched.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KerasLineTest {
  @Test
  void shouldFormatLikeKerasWithFourDecimals() {
    EpochMetrics m = new EpochMetrics(3, 0.1, 1.22034, 0.73838, 1.39936, 0.67684, 85.6, 391);

    assertEquals(
        "Epoch 3/100 - 391 steps - 86s - loss: 1.2203 - accuracy: 0.7384 - val_loss: 1.3994"
            + " - val_accuracy: 0.6768 - lr: 0.1000",
        KerasLine.format(m, 100));
  }

  @Test
  void shouldSwitchLearningRateToScientificBelowOneTenThousandth() {
    assertEquals("0.0904", KerasLine.formatLr(0.0904));
    assertEquals("0.0001", KerasLine.formatLr(1e-4));
    assertEquals("9.7656e-05", KerasLine.formatLr(0.1 * Math.pow(0.25, 5)));
    assertEquals("0.0000", KerasLine.formatLr(0.0));
  }

  @Test
  void shouldShowNanLossLikePython() {
    EpochMetrics m = new EpochMetrics(1, 0.1, Double.NaN, 0.1, Double.NaN, 0.1, 0.4, 10);

    assertEquals(
        "Epoch 1/1 - 10 steps - 0s - loss: nan - accuracy: 0.1000 - val_loss: nan - val_accuracy: 0.1000"
            + " - lr: 0.1000",
        KerasLine.format(m, 1));
  }
}
