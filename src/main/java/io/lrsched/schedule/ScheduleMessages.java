package io.lrsched.schedule;

import io.lrsched.schedule.LearningRateSchedule;

/** The tutorial's start-of-run sentence about the schedule, followed by the schedule and all its parameters. */
public final class ScheduleMessages {
  private ScheduleMessages() {}

  public static String describe(LearningRateSchedule schedule) {
    String name = schedule.name();
    if (name.equals("none")) {
      return "no learning rate schedule being used (" + schedule + ")";
    }
    String label =
        switch (name) {
          case "step" -> "step-based";
          case "standard" -> "standard";
          case "linear" -> "linear";
          case "poly" -> "polynomial";
          default -> name;
        };
    return "using '" + label + "' learning rate decay... " + schedule;
  }
}
