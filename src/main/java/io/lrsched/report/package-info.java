/**
 * What a run reports, rendered without Spark or Hadoop: the Keras-style epoch log line, the start-of-run echo of the
 * settings, the per-epoch metrics CSV (written and read back on resume), scikit-learn's classification report, the
 * schedule tables of {@code plot-schedule}, and the PNG plots (training curves, learning-rate schedules,
 * learning-rate finder).
 *
 * <p>Everything here returns strings or PNG bytes; {@code io.lrsched.storage} decides where they are written.
 * Numbers are formatted locale-independently. Plots are drawn with XChart in headless mode.
 */
package io.lrsched.report;
