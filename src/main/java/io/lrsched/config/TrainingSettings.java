package io.lrsched.config;

import java.io.Serializable;

/**
 * The optimisation and the parameter-averaging set-up.
 *
 * @param epochs epochs to train
 * @param batchSize global batch: images per optimizer step over all workers
 * @param lr initial learning rate
 * @param momentum classical SGD momentum
 * @param workers parameter-averaging workers, 0 for Spark's default parallelism
 * @param averagingFrequency local steps between two averagings
 * @param workerPrefetch minibatches each worker prefetches
 * @param saveUpdater whether the updater state (momentum) is averaged too
 * @param divergenceLossFactor stop when a round's mean training loss exceeds this many times the first epoch's mean
 *     training loss; 0 = off (a NaN or infinite loss always stops the run)
 */
public record TrainingSettings(
    int epochs,
    int batchSize,
    double lr,
    double momentum,
    int workers,
    int averagingFrequency,
    int workerPrefetch,
    boolean saveUpdater,
    double divergenceLossFactor)
    implements Serializable {}
