package io.lrsched.report;

/**
 * The per-epoch log line in the style Keras users know, e.g.
 *
 * <pre>
 * Epoch 3/100 - 391 steps - 86s - loss: 1.2203 - accuracy: 0.7384 - val_loss: 1.3994 - val_accuracy: 0.6768 - lr: 0.1000
 * </pre>
 *
 * <p>Metrics have 4 decimals; the learning rate too, unless it is below 1e-4 (then {@code 1.0000e-05}), where 4
 * decimals would print a misleading {@code 0.0000}. Seconds are rounded to whole seconds.
 */
public final class KerasLine {
  private static final double SCIENTIFIC_BELOW = 1e-4;

  private KerasLine() {}

  /**
   * @param metrics the finished epoch
   * @param totalEpochs the number of epochs the run will train, shown after the slash
   */
  public static String format(EpochMetrics metrics, int totalEpochs) {
    if (totalEpochs < 1) {
      throw new IllegalArgumentException("totalEpochs must be 1 or more, got " + totalEpochs);
    }
    return "Epoch " + metrics.epoch() + "/" + totalEpochs
        + " - " + metrics.steps() + " steps"
        + " - " + Math.round(metrics.seconds()) + "s"
        + " - loss: " + PyFormat.fixed(metrics.loss(), 4)
        + " - accuracy: " + PyFormat.fixed(metrics.accuracy(), 4)
        + " - val_loss: " + PyFormat.fixed(metrics.valLoss(), 4)
        + " - val_accuracy: " + PyFormat.fixed(metrics.valAccuracy(), 4)
        + " - lr: " + formatLr(metrics.lr());
  }

  /** A learning rate as the epoch line shows it. */
  public static String formatLr(double lr) {
    boolean tiny = lr != 0 && Math.abs(lr) < SCIENTIFIC_BELOW;
    return tiny ? PyFormat.scientific(lr, 4) : PyFormat.fixed(lr, 4);
  }
}
