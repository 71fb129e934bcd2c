package io.lrsched.config;

import java.io.Serializable;
import java.util.List;

/**
 * The ResNet's shape and regularisation, in the tutorial's (Keras) conventions.
 *
 * @param stages residual modules per stage
 * @param filters stem filters, then one entry per stage
 * @param l2Module Keras L2 factor of the convolutions inside residual modules
 * @param l2Stem Keras L2 factor of the stem convolution
 * @param l2Dense Keras L2 factor of the dense layer
 * @param batchNormEpsilon BatchNorm epsilon
 * @param batchNormMomentum BatchNorm running-statistics momentum
 * @param dataFormat activation layout: auto, nchw or nhwc
 */
public record ModelSettings(
    List<Integer> stages,
    List<Integer> filters,
    double l2Module,
    double l2Stem,
    double l2Dense,
    double batchNormEpsilon,
    double batchNormMomentum,
    String dataFormat)
    implements Serializable {
  /** Defensive copies keep the record immutable. */
  public ModelSettings {
    stages = List.copyOf(stages);
    filters = List.copyOf(filters);
  }
}
