package io.lrsched.model;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.conf.CNN2DFormat;

/**
 * Everything that defines the tutorial's pre-activation bottleneck ResNet and its optimizer, as one immutable value.
 *
 * <p>Regularisation strengths are given in the <em>Keras</em> convention ({@code l2(lambda)} adds
 * {@code lambda * sum(w^2)} to the loss), because that is how the tutorial states them; {@link ResNet} translates them
 * to DL4J's convention ({@code .l2(x)} adds {@code x/2 * sum(w^2)}, so {@code x = 2 * lambda}).
 *
 * @param height input image height in pixels
 * @param width input image width in pixels
 * @param channels input image channels (3 for RGB)
 * @param classes number of output classes
 * @param stages residual modules per stage, e.g. {9, 9, 9}
 * @param filters stem filters followed by one K per stage, e.g. {64, 64, 128, 256}; each K must be divisible by 4
 * @param moduleL2 Keras L2 lambda on every residual-module convolution (tutorial: 1e-4)
 * @param stemL2 Keras L2 lambda on the stem convolution (tutorial: 5e-4)
 * @param denseL2 Keras L2 lambda on the dense layer's weights (tutorial: 5e-4; its bias is not regularised)
 * @param bnEpsilon BatchNormalization epsilon (tutorial: 2e-5)
 * @param bnMomentum BatchNormalization moving-average momentum (Keras meaning; DL4J's {@code decay}; tutorial 0.9)
 * @param dataFormat activation layout used inside the network (NCHW or NHWC); inputs must be given in this layout
 * @param seed weight-initialisation seed
 * @param learningRate initial SGD learning rate (tutorial: 0.1)
 * @param momentum classical SGD momentum (tutorial: 0.9, no Nesterov)
 */
public record ResNetSpec(
    int height,
    int width,
    int channels,
    int classes,
    int[] stages,
    int[] filters,
    double moduleL2,
    double stemL2,
    double denseL2,
    double bnEpsilon,
    double bnMomentum,
    CNN2DFormat dataFormat,
    long seed,
    double learningRate,
    double momentum) {

  /** Validates every field; arrays are copied so the record stays immutable. */
  public ResNetSpec {
    positive("height", height);
    positive("width", width);
    positive("channels", channels);
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be at least 2, got " + classes);
    }
    Objects.requireNonNull(stages, "stages");
    Objects.requireNonNull(filters, "filters");
    Objects.requireNonNull(dataFormat, "dataFormat");
    stages = stages.clone();
    filters = filters.clone();
    if (stages.length == 0) {
      throw new IllegalArgumentException("stages must name at least one stage, got []");
    }
    if (filters.length != stages.length + 1) {
      throw new IllegalArgumentException("filters must have stages.length + 1 = " + (stages.length + 1)
          + " entries (stem, then one per stage), got " + Arrays.toString(filters));
    }
    for (int s : stages) {
      if (s <= 0) {
        throw new IllegalArgumentException("stages must all be positive, got " + Arrays.toString(stages));
      }
    }
    for (int i = 0; i < filters.length; i++) {
      if (filters[i] <= 0) {
        throw new IllegalArgumentException("filters must all be positive, got " + Arrays.toString(filters));
      }
      if (i > 0 && filters[i] % 4 != 0) {
        throw new IllegalArgumentException("filters[" + i + "] = " + filters[i]
            + " must be divisible by 4 (the bottleneck uses K/4 filters)");
      }
    }
    nonNegative("moduleL2", moduleL2);
    nonNegative("stemL2", stemL2);
    nonNegative("denseL2", denseL2);
    if (!(bnEpsilon > 0)) {
      throw new IllegalArgumentException("bnEpsilon must be > 0, got " + bnEpsilon);
    }
    if (!(bnMomentum >= 0 && bnMomentum < 1)) {
      throw new IllegalArgumentException("bnMomentum must be in [0, 1), got " + bnMomentum);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be a finite value > 0, got " + learningRate);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
  }

  /**
   * A copy with other stages and filters (e.g. the 1-module model {@code {1,1,1}}/{@code {64,64,128,256}}).
   *
   * @param newStages modules per stage
   * @param newFilters stem filters then one K per stage
   * @return the new spec
   */
  public ResNetSpec withArchitecture(int[] newStages, int[] newFilters) {
    return new ResNetSpec(height, width, channels, classes, newStages, newFilters, moduleL2, stemL2, denseL2,
        bnEpsilon, bnMomentum, dataFormat, seed, learningRate, momentum);
  }

  /**
   * A copy with another activation layout.
   *
   * @param newFormat NCHW or NHWC
   * @return the new spec
   */
  public ResNetSpec withDataFormat(CNN2DFormat newFormat) {
    return new ResNetSpec(height, width, channels, classes, stages, filters, moduleL2, stemL2, denseL2,
        bnEpsilon, bnMomentum, newFormat, seed, learningRate, momentum);
  }

  /** @return a copy of the modules-per-stage array */
  @Override
  public int[] stages() {
    return stages.clone();
  }

  /** @return a copy of the filters array */
  @Override
  public int[] filters() {
    return filters.clone();
  }

  /** @return total number of residual modules */
  public int moduleCount() {
    return Arrays.stream(stages).sum();
  }

  /** @return the spatial height after all stride-2 stages ("same" padding rounds up) */
  public int finalHeight() {
    return reducedSize(height, stages.length);
  }

  /** @return the spatial width after all stride-2 stages */
  public int finalWidth() {
    return reducedSize(width, stages.length);
  }

  private static int reducedSize(int size, int stageCount) {
    int s = size;
    for (int i = 1; i < stageCount; i++) {
      s = (s + 1) / 2; // stride 2, "same" padding: ceil(s / 2)
    }
    return s;
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }

  private static void nonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite value >= 0, got " + value);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResNetSpec r
        && height == r.height && width == r.width && channels == r.channels && classes == r.classes
        && Arrays.equals(stages, r.stages) && Arrays.equals(filters, r.filters)
        && Double.compare(moduleL2, r.moduleL2) == 0 && Double.compare(stemL2, r.stemL2) == 0
        && Double.compare(denseL2, r.denseL2) == 0 && Double.compare(bnEpsilon, r.bnEpsilon) == 0
        && Double.compare(bnMomentum, r.bnMomentum) == 0 && dataFormat == r.dataFormat && seed == r.seed
        && Double.compare(learningRate, r.learningRate) == 0 && Double.compare(momentum, r.momentum) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(height, width, channels, classes, Arrays.hashCode(stages), Arrays.hashCode(filters),
        moduleL2, stemL2, denseL2, bnEpsilon, bnMomentum, dataFormat, seed, learningRate, momentum);
  }

  @Override
  public String toString() {
    return "ResNetSpec[input=" + height + "x" + width + "x" + channels + ", classes=" + classes
        + ", stages=" + Arrays.toString(stages) + ", filters=" + Arrays.toString(filters)
        + ", l2(keras): module=" + moduleL2 + " stem=" + stemL2 + " dense=" + denseL2
        + ", bnEpsilon=" + bnEpsilon + ", bnMomentum=" + bnMomentum + ", dataFormat=" + dataFormat
        + ", seed=" + seed + ", learningRate=" + learningRate + ", momentum=" + momentum + "]";
  }
}
