/**
 * The learning-rate range test ("LR finder", Smith 2017, section 3.3): {@link io.lrsched.finder.LrRangeTest} trains a
 * fresh model on a seeded sample ({@link io.lrsched.finder.FinderSample}) while the learning rate grows exponentially
 * within the {@code lr-finder} settings, and {@link io.lrsched.finder.LrFinderCurve} turns the losses into
 * a smoothed curve and a suggested range ({@link io.lrsched.finder.LrFinderResult}).
 *
 * <p>It runs on the driver's local Spark context and reuses the training package's data loading, model specification
 * and run-folder writer, so the test sees the experiment's own images and model.
 */
package io.lrsched.finder;
