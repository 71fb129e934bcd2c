package io.lrsched.report;

/**
 * One row of a {@link ClassificationReport}: a class, or the macro or weighted average.
 *
 * @param name the class name, or {@code macro avg} / {@code weighted avg}
 * @param precision correct predictions of the class / all predictions of it (0 when it was never predicted)
 * @param recall correct predictions of the class / all its true examples (0 when it has none)
 * @param f1 harmonic mean of precision and recall (0 when both are 0)
 * @param support true examples of the class (for averages: all examples)
 */
public record ClassMetrics(String name, double precision, double recall, double f1, long support) {}
