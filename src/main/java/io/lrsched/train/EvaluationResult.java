package io.lrsched.train;

import java.io.Serializable;

/**
 * One pass of the network over a data set: its confusion matrix and mean loss.
 *
 * @param confusion counts, actual class x predicted class
 * @param lossSum sum over images of the cross-entropy loss (without regularisation)
 * @param examples images evaluated
 */
public record EvaluationResult(long[][] confusion, double lossSum, long examples) implements Serializable {

  /** An empty result for {@code classes} classes, the neutral element of {@link #plus}. */
  static EvaluationResult empty(int classes) {
    return new EvaluationResult(new long[classes][classes], 0, 0);
  }

  /** @return the sum of two partial results */
  EvaluationResult plus(EvaluationResult other) {
    long[][] sum = new long[confusion.length][confusion.length];
    for (int i = 0; i < confusion.length; i++) {
      for (int j = 0; j < confusion.length; j++) {
        sum[i][j] = confusion[i][j] + other.confusion[i][j];
      }
    }
    return new EvaluationResult(sum, lossSum + other.lossSum, examples + other.examples);
  }

  /** @return mean cross-entropy per image */
  public double meanLoss() {
    return examples == 0 ? Double.NaN : lossSum / examples;
  }

  /** @return share of images classified correctly */
  public double accuracy() {
    long right = 0;
    for (int i = 0; i < confusion.length; i++) {
      right += confusion[i][i];
    }
    return examples == 0 ? Double.NaN : (double) right / examples;
  }
}
