/**
 * Training: the driver's epoch loop ({@link io.lrsched.train.ExperimentRunner}) and the worker-side hook that applies
 * and records the learning rate; the only package that joins Spark, DL4J's parameter averaging, the schedule and the
 * run folder.
 *
 * <p>Also here, because only the epoch loop uses them: the data layout on the cluster (the training data, each
 * epoch's shuffled minibatches, the layout of workers and global batch), the Spark context and Kryo setup, the
 * distributed evaluation, the monitored metric for plateau schedules, and the writer of a run's outputs.
 */
package io.lrsched.train;
