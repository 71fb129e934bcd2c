package io.lrsched.schedule;

/**
 * Warmup-stable-decay ({@code wsd}; Hu et al. 2024, MiniCPM), as Hugging Face transformers' {@code get_wsd_schedule}
 * defines it, per global step {@code t}: with phase lengths {@code W}, {@code S}, {@code D} in steps (the epochs
 * given times the steps per epoch), {@code m = minLrRatio}, the LR is lr0 times
 *
 * <ul>
 *   <li>warmup, {@code t < W}, {@code p = t / max(1, W)}: {@code f * (1 - m) + m} with {@code f = p}
 *       ({@code linear}), {@code (1 - cos(pi * p)) / 2} ({@code cosine}) or {@code 1 - sqrt(1 - p)}
 *       ({@code 1-sqrt});
 *   <li>stable, {@code t < W + S}: 1;
 *   <li>decay, {@code t < W + S + D}, {@code p = (t - W - S) / max(1, D)}: {@code f * (1 - m) + m} with
 *       {@code f = 1 - p} ({@code linear}), {@code (1 + cos(pi * numCycles * 2 * p)) / 2} ({@code cosine}) or
 *       {@code 1 - sqrt(p)} ({@code 1-sqrt}), and never below 0;
 *   <li>after: {@code m}.
 * </ul>
 *
 * @param initialLr lr0, {@code > 0}
 * @param warmupEpochs warmup length in epochs, {@code >= 0}
 * @param stableEpochs stable length in epochs, {@code >= 0}
 * @param decayEpochs decay length in epochs, {@code >= 0}
 * @param warmupType {@code linear}, {@code cosine} or {@code 1-sqrt}
 * @param decayType {@code linear}, {@code cosine} or {@code 1-sqrt}
 * @param minLrRatio the LR at the start of the warmup and the end of the decay, as a fraction of lr0, in [0, 1]
 * @param numCycles cosine waves in the decay ({@code 0.5}: one half wave from 1 to 0), {@code > 0}
 */
public record WsdSchedule(
    double initialLr,
    double warmupEpochs,
    double stableEpochs,
    double decayEpochs,
    String warmupType,
    String decayType,
    double minLrRatio,
    double numCycles)
    implements LearningRateSchedule {
  private static final long serialVersionUID = 1L;

  private static final String[] SHAPES = {"linear", "cosine", "1-sqrt"};
  private static final Parameter<Double> WARMUP_EPOCHS = lengthInEpochs("warmup-epochs");
  private static final Parameter<Double> STABLE_EPOCHS = lengthInEpochs("stable-epochs")
      .orAuto(p -> p.epochs() - p.get(WsdSchedule.WARMUP_EPOCHS) - p.get(WsdSchedule.DECAY_EPOCHS));
  private static final Parameter<Double> DECAY_EPOCHS = lengthInEpochs("decay-epochs");
  private static final Parameter<String> WARMUP_TYPE = Parameter.choice("warmup-type", SHAPES);
  private static final Parameter<String> DECAY_TYPE = Parameter.choice("decay-type", SHAPES);
  private static final Parameter<Double> MIN_LR_RATIO =
      Parameter.number("min-lr-ratio", d -> d >= 0 && d <= 1, "a number in [0, 1]");
  private static final Parameter<Double> NUM_CYCLES = Parameter.number("num-cycles", d -> d > 0, "a number > 0");

  /** {@code wsd}; {@code stable-epochs = auto} fills the training epochs the other two phases leave. */
  static final ScheduleType TYPE = new ScheduleType(
      "wsd",
      (p, c) -> new WsdSchedule(c.initialLr(), p.get(WARMUP_EPOCHS), p.get(STABLE_EPOCHS), p.get(DECAY_EPOCHS),
          p.get(WARMUP_TYPE), p.get(DECAY_TYPE), p.get(MIN_LR_RATIO), p.get(NUM_CYCLES)),
      WARMUP_EPOCHS, STABLE_EPOCHS, DECAY_EPOCHS, WARMUP_TYPE, DECAY_TYPE, MIN_LR_RATIO, NUM_CYCLES);

  private static Parameter<Double> lengthInEpochs(String key) {
    return Parameter.number(key, d -> d >= 0, "a number of epochs >= 0");
  }

  @Override
  public double lr(int epoch, int step, int stepsPerEpoch) {
    double t = LearningRateSchedule.globalStep(epoch, step, stepsPerEpoch);
    double warmup = warmupEpochs * stepsPerEpoch;
    double stable = stableEpochs * stepsPerEpoch;
    double decay = decayEpochs * stepsPerEpoch;
    double factor;
    if (t < warmup) {
      double progress = t / Math.max(1, warmup);
      double f = switch (warmupType) {
        case "linear" -> progress;
        case "cosine" -> 0.5 * (1 - Math.cos(Math.PI * progress));
        default -> 1 - Math.sqrt(1 - progress);
      };
      factor = Math.max(0, f * (1 - minLrRatio) + minLrRatio);
    } else if (t < warmup + stable) {
      factor = 1;
    } else if (t < warmup + stable + decay) {
      double progress = (t - warmup - stable) / Math.max(1, decay);
      double f = switch (decayType) {
        case "linear" -> 1 - progress;
        case "cosine" -> 0.5 * (1 + Math.cos(Math.PI * numCycles * 2 * progress));
        default -> 1 - Math.sqrt(progress);
      };
      factor = Math.max(0, f * (1 - minLrRatio) + minLrRatio);
    } else {
      factor = minLrRatio;
    }
    return initialLr * factor;
  }

  @Override
  public String name() {
    return "wsd";
  }

  @Override
  public boolean perStep() {
    return true;
  }

  @Override
  public String toString() {
    return Text.describe(name(), "lr0", initialLr, "warmup-epochs", warmupEpochs, "stable-epochs", stableEpochs,
        "decay-epochs", decayEpochs, "warmup-type", warmupType, "decay-type", decayType, "min-lr-ratio", minLrRatio,
        "num-cycles", numCycles);
  }
}
