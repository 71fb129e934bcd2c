/**
 * What a run reports, rendered without Spark or Hadoop: the Keras-style epoch log line, the start-of-run echo of the
 * settings, the per-epoch metrics CSV (written and read back on resume), scikit-learn's classification report, the
 * schedule tables of {@code plot-schedule}, the PNG plots (training curves, learning-rate schedules and the applied
 * learning rate as a staircase, overlays of several runs, groups with confidence bands, the confusion matrix,
 * learning-rate finder), the progress bar, and the run's {@code report.html} (FreeMarker templates in
 * {@code src/main/resources/templates}, self-contained pages).
 *
 * <p>Everything here returns strings or PNG bytes; {@code io.lrsched.storage} decides where they are written.
 * Numbers are formatted locale-independently. Plots are drawn with XChart in headless mode.
 */
package io.lrsched.report;
