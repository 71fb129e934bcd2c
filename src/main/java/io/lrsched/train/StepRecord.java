package io.lrsched.train;

import java.io.Serializable;

/**
 * What one worker did in one local step, recorded on the worker and gathered by the driver.
 *
 * @param epoch 0-based epoch
 * @param step global step within the epoch (0-based)
 * @param worker the worker's index (its partition in the round)
 * @param executor Spark's executor id ("driver" in local mode)
 * @param pid the process id of the JVM that ran the step
 * @param lr the learning rate the updater applied, read back from the updater
 * @param expectedLr the schedule's value for this step, from the broadcast table
 * @param loss the minibatch's loss (including the L2 term, as Keras reports it)
 * @param examples images in the minibatch
 * @param correct images the network classified correctly in its training forward pass
 */
public record StepRecord(
    int epoch,
    int step,
    int worker,
    String executor,
    long pid,
    double lr,
    double expectedLr,
    double loss,
    int examples,
    int correct)
    implements Serializable {

  /** @return relative difference between applied and scheduled learning rate */
  public double relativeLrError() {
    double scale = Math.max(Math.abs(expectedLr), Double.MIN_NORMAL);
    return Math.abs(lr - expectedLr) / scale;
  }
}
