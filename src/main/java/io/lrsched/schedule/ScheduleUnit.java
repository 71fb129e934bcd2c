package io.lrsched.schedule;

/** What a schedule's length parameters count: epochs or global optimizer steps. */
public enum ScheduleUnit {
  /** 0-based epoch indices; the LR is constant within an epoch. */
  EPOCHS,
  /** Global optimizer steps {@code t} ({@link LearningRateSchedule#globalStep}); the LR may change every step. */
  STEPS;

  /** The config spelling: {@code epochs} or {@code steps}. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
