package io.lrsched.schedule;

/**
 * What the registry needs besides a schedule's own parameters: values owned by other parts of the config
 * that {@code auto} parameters resolve from.
 *
 * @param initialLr lr0, the optimizer's initial learning rate, {@code > 0}
 * @param epochs training epochs, {@code >= 1}
 * @param stepsPerEpoch global steps per epoch if known, else 0 (the schedules receive it at every call anyway)
 * @param workers number of workers (the linear scaling rule's factor), {@code >= 1}
 */
public record ScheduleContext(double initialLr, int epochs, int stepsPerEpoch, int workers) {

  /** Validates the context. */
  public ScheduleContext {
    Check.positive("initialLr", initialLr);
    Check.atLeast("epochs", epochs, 1);
    Check.atLeast("stepsPerEpoch", stepsPerEpoch, 0);
    Check.atLeast("workers", workers, 1);
  }
}
