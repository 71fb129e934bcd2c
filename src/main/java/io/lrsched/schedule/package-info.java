/**
 * Learning-rate schedules: small, pure, serializable values giving the learning rate as a function of
 * (epoch, global step).
 *
 * <p>Entry points: {@link io.lrsched.schedule.ScheduleRegistry} lists the schedule types; each
 * {@link io.lrsched.schedule.ScheduleType} is declared next to its formula with its typed
 * {@link io.lrsched.schedule.Parameter}s (ranges, {@code auto} rules) and builds itself from their values, which the
 * config package reads by kind (so this package never imports the config library);
 * {@link io.lrsched.schedule.EpochLrTable} resolves one epoch of a schedule into the table the
 * driver broadcasts to workers; {@link io.lrsched.schedule.ScheduleCurve} samples a schedule for plots;
 * {@link io.lrsched.schedule.ScheduleMessages} is the tutorial's start-of-run sentence about a schedule.
 *
 * <p>This package knows nothing of Spark or Deeplearning4j. The only stateful schedule,
 * {@link io.lrsched.schedule.PlateauSchedule}, keeps its state in an immutable
 * {@link io.lrsched.schedule.PlateauState} snapshot so that checkpoints can save and restore it.
 */
package io.lrsched.schedule;
