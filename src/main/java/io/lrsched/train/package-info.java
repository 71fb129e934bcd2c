/**
 * The driver's epoch loop and the worker-side hook: the only package that joins Spark, DL4J's parameter averaging,
 * the schedule and the run folder.
 */
package io.lrsched.train;
