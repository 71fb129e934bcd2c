package io.lrsched.train;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.config.ModelSettings;
import io.lrsched.model.ResNetSpec;
import org.deeplearning4j.nn.conf.CNN2DFormat;

/**
 * The experiment's network as a {@link ResNetSpec}: CIFAR-10's 32x32x3 input and 10 classes, the configured shape,
 * regularisation, seed, initial LR and momentum. One derivation for training, the LR range test and the benchmark, so
 * they all start from the very weights the experiment's training starts from.
 */
public final class ModelSpecs {
  private ModelSpecs() {}

  /** @return whether the experiment's network runs NHWC */
  public static boolean channelsLast(ExperimentSettings settings) {
    return settings.model().dataFormat().equals("nhwc");
  }

  /** @return the experiment's network */
  public static ResNetSpec of(ExperimentSettings settings) {
    ModelSettings m = settings.model();
    return new ResNetSpec(32, 32, 3, TrainingData.CLASSES,
        m.stages().stream().mapToInt(Integer::intValue).toArray(),
        m.filters().stream().mapToInt(Integer::intValue).toArray(),
        m.l2Module(), m.l2Stem(), m.l2Dense(), m.batchNormEpsilon(), m.batchNormMomentum(),
        channelsLast(settings) ? CNN2DFormat.NHWC : CNN2DFormat.NCHW,
        settings.seed(), settings.training().lr(), settings.training().momentum());
  }
}
