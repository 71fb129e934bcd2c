package io.lrsched.train;

import io.lrsched.config.ConfigError;
import java.io.Serializable;

/**
 * How one global optimizer step is spread over the parameter-averaging workers.
 *
 * <p>Definition of a step under parameter averaging: every global step consumes {@code globalBatch} images, split
 * evenly so that each of the {@code workers} takes one local step on {@code batchPerWorker} of them. Between two
 * averagings each worker takes {@code averagingFrequency} local steps; local step j of averaging round r is global
 * step {@code r * averagingFrequency + j} on every worker. An epoch has {@code ceil(N / globalBatch)} steps, the last
 * one smaller when N is not a multiple of the global batch, as in Keras (391 steps for CIFAR-10 at 128).
 *
 * @param workers parameter-averaging workers
 * @param globalBatch images per global step
 * @param averagingFrequency local steps between averagings
 */
public record WorkerLayout(int workers, int globalBatch, int averagingFrequency) implements Serializable {

  /**
   * Validates that the global batch splits evenly.
   *
   * @throws ConfigError when the batch cannot be split among the workers
   */
  public WorkerLayout {
    if (workers < 1) {
      throw new ConfigError("training.workers = " + workers + ": expected at least 1 worker");
    }
    if (globalBatch % workers != 0) {
      throw new ConfigError(
          "training.batch-size = " + globalBatch + ": must be a multiple of the " + workers
              + " workers (each worker takes batch-size / workers images per step)");
    }
  }

  /** @return images each worker takes per local step */
  public int batchPerWorker() {
    return globalBatch / workers;
  }

  /**
   * @param examples images in the epoch
   * @return global steps in one epoch
   */
  public int stepsPerEpoch(long examples) {
    return (int) ((examples + globalBatch - 1) / globalBatch);
  }

  /**
   * @param steps global steps in the epoch
   * @return averaging rounds in the epoch (the last may hold fewer steps)
   */
  public int rounds(int steps) {
    return (steps + averagingFrequency - 1) / averagingFrequency;
  }
}
