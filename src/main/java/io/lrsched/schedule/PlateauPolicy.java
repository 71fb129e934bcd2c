package io.lrsched.schedule;

import java.io.Serializable;
import java.util.Locale;

/**
 * The rules of ReduceLROnPlateau (PyTorch semantics), without state: when the monitored value has not
 * improved for more than {@code patience} epochs, multiply the LR by {@code factor} (not below
 * {@code minLr}), then wait {@code cooldown} epochs before counting bad epochs again.
 *
 * <p>Improvement: mode min, rel: {@code v < best * (1 - threshold)}; min, abs: {@code v < best - threshold};
 * max, rel: {@code v > best * (1 + threshold)}; max, abs: {@code v > best + threshold}. A reduction smaller
 * than {@code eps} is skipped. NaN never improves.
 *
 * @param initialLr the LR before any reduction, {@code > 0}
 * @param monitor which metric the driver feeds in, e.g. {@code val-loss} (informational here)
 * @param mode whether lower or higher is better
 * @param factor multiplier per reduction, {@code 0 < factor < 1}
 * @param patience bad epochs tolerated before reducing, {@code >= 0}
 * @param threshold minimum change that counts as improvement, {@code >= 0}
 * @param thresholdMode relative or absolute threshold
 * @param cooldown epochs to wait after a reduction, {@code >= 0}
 * @param minLr lower bound on the LR, {@code 0 <= minLr <= initialLr}
 * @param eps smallest reduction applied, {@code >= 0}
 */
public record PlateauPolicy(
    double initialLr,
    String monitor,
    Mode mode,
    double factor,
    int patience,
    double threshold,
    ThresholdMode thresholdMode,
    int cooldown,
    double minLr,
    double eps)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Whether lower ({@code min}, e.g. a loss) or higher ({@code max}, e.g. accuracy) is better. */
  public enum Mode {
    MIN,
    MAX;

    /** The config spelling. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether {@code threshold} is relative to {@code best} or absolute. */
  public enum ThresholdMode {
    REL,
    ABS;

    /** The config spelling. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Guards against missing parts; parameter ranges are checked by the config package. */
  public PlateauPolicy {
    if (monitor == null || monitor.isBlank() || mode == null || thresholdMode == null) {
      throw new IllegalArgumentException("monitor, mode and thresholdMode must be given");
    }
  }

  /** The state before any epoch: LR {@code initialLr}, best the worst possible value. */
  public PlateauState initialState() {
    double worst = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    return new PlateauState(initialLr, worst, 0, 0, -1);
  }

  /** Whether {@code value} improves on {@code best} by more than the threshold. */
  public boolean isBetter(double value, double best) {
    if (mode == Mode.MIN) {
      return thresholdMode == ThresholdMode.REL ? value < best * (1 - threshold) : value < best - threshold;
    }
    return thresholdMode == ThresholdMode.REL ? value > best * (1 + threshold) : value > best + threshold;
  }

  /**
   * One epoch's transition, as PyTorch's {@code ReduceLROnPlateau.step(metrics)}.
   *
   * @throws IllegalArgumentException if {@code epoch} does not follow {@code state.lastEpoch()}
   */
  public PlateauState next(PlateauState state, int epoch, double value) {
    if (epoch <= state.lastEpoch()) {
      throw new IllegalArgumentException(
          "plateau: epoch " + epoch + " reported after epoch " + state.lastEpoch() + "; epochs must increase");
    }
    double best = state.best();
    int bad = state.numBadEpochs();
    if (isBetter(value, best)) {
      best = value;
      bad = 0;
    } else {
      bad++;
    }
    int cooldownLeft = state.cooldownCounter();
    if (cooldownLeft > 0) {
      cooldownLeft--;
      bad = 0; // PyTorch ignores bad epochs during cooldown
    }
    double lr = state.lr();
    if (bad > patience) {
      double reduced = Math.max(lr * factor, minLr);
      if (lr - reduced > eps) {
        lr = reduced;
      }
      cooldownLeft = cooldown;
      bad = 0;
    }
    return new PlateauState(lr, best, bad, cooldownLeft, epoch);
  }

  @Override
  public String toString() {
    return Text.describe(
        "plateau",
        "lr0", initialLr,
        "monitor", monitor,
        "mode", mode.key(),
        "factor", factor,
        "patience", patience,
        "threshold", threshold,
        "threshold-mode", thresholdMode.key(),
        "cooldown", cooldown,
        "min-lr", minLr,
        "eps", eps);
  }
}
