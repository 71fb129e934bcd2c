package io.lrsched.train;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.config.ModelSettings;
import io.lrsched.data.LabeledImage;
import io.lrsched.model.FastLayers;
import io.lrsched.model.ResNetSpec;
import io.lrsched.nativeops.NativeSetup;
import org.deeplearning4j.nn.conf.CNN2DFormat;

/**
 * The experiment's network as a {@link ResNetSpec}: the configured square RGB input ({@code data.image-size}), the
 * data's class count, the configured shape, regularisation, seed, initial LR and momentum. One derivation for training, the LR range test and the benchmark, so
 * they all start from the very weights the experiment's training starts from.
 */
public final class ModelSpecs {
  private ModelSpecs() {}

  /**
   * Whether the experiment's network runs NHWC. {@code auto} (the default) means NHWC where lrsched's fast layers run
   * (oneDNN build with helpers) and NCHW on DL4J's plain path, each the faster layout there (docs/PERFORMANCE.md).
   * Resolving {@code auto} needs the native configuration installed ({@link NativeSetup#configure()}, which the
   * entry point calls before commands that train; installed here for other callers).
   *
   * @param settings the experiment
   * @return true for NHWC
   */
  public static boolean channelsLast(ExperimentSettings settings) {
    return switch (settings.model().dataFormat()) {
      case "nhwc" -> true;
      case "nchw" -> false;
      default -> {
        // FastLayers asks ND4J, which must not load before the native build is chosen. The entry point has chosen it
        // for every command that trains; this covers callers that are not commands (tests, benchmarks).
        NativeSetup.configure();
        yield FastLayers.enabled();
      }
    };
  }

  /**
   * @param settings the experiment
   * @param classes the number of classes the data has (the output layer's width)
   * @return the experiment's network
   */
  public static ResNetSpec of(ExperimentSettings settings, int classes) {
    ModelSettings m = settings.model();
    int size = settings.data().imageSize();
    return new ResNetSpec(size, size, LabeledImage.CHANNELS, classes,
        m.stages().stream().mapToInt(Integer::intValue).toArray(),
        m.filters().stream().mapToInt(Integer::intValue).toArray(),
        m.l2Module(), m.l2Stem(), m.l2Dense(), m.batchNormEpsilon(), m.batchNormMomentum(),
        channelsLast(settings) ? CNN2DFormat.NHWC : CNN2DFormat.NCHW,
        settings.seed(), settings.training().lr(), settings.training().momentum());
  }
}
