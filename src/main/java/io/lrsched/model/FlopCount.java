package io.lrsched.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Multiply-adds (MACs) of one forward pass for one image, derived from the layer shapes of a built configuration.
 *
 * <p>Only convolutions and dense layers are counted: they hold all the multiply-adds; batch norm, ReLU, pooling and
 * the residual additions are a few element-wise operations per activation (well under 1% here) and are left out, as
 * is customary. A training step costs about three forward passes (forward, gradient w.r.t. inputs, gradient w.r.t.
 * weights), which {@link #trainingFlopsPerImage()} uses.
 *
 * @param convMacs multiply-adds of all convolution layers, per image
 * @param denseMacs multiply-adds of all dense/output layers, per image
 */
public record FlopCount(long convMacs, long denseMacs) {

  /** Validates that both counts are non-negative. */
  public FlopCount {
    if (convMacs < 0 || denseMacs < 0) {
      throw new IllegalArgumentException("MAC counts must be >= 0, got conv=" + convMacs + " dense=" + denseMacs);
    }
  }

  /**
   * Counts the multiply-adds of {@code conf}.
   *
   * @param conf a graph configuration with a single convolutional input
   * @param inputType the type of that input
   * @return the per-image counts
   */
  public static FlopCount of(ComputationGraphConfiguration conf, InputType inputType) {
    Map<String, InputType> outTypes = conf.getLayerActivationTypes(inputType);
    long conv = 0;
    long dense = 0;
    for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
      if (!(e.getValue() instanceof LayerVertex lv)) {
        continue;
      }
      Layer layer = lv.getLayerConf().getLayer();
      if (layer instanceof ConvolutionLayer c && isPlainConvolution(c)) {
        InputType.InputTypeConvolutional out = (InputType.InputTypeConvolutional) outTypes.get(e.getKey());
        int[] k = c.getKernelSize();
        conv += out.getHeight() * out.getWidth() * c.getNOut() * (long) k[0] * k[1] * c.getNIn();
      } else if (layer instanceof FeedForwardLayer f && isDense(layer)) {
        dense += f.getNIn() * f.getNOut();
      } else if (layer instanceof ConvolutionLayer other) {
        throw new IllegalArgumentException("FlopCount does not know layer " + e.getKey() + " of type "
            + other.getClass().getSimpleName());
      }
    }
    return new FlopCount(conv, dense);
  }

  /**
   * Counts the multiply-adds of the network {@code spec} describes.
   *
   * @param spec the architecture
   * @return the per-image counts
   */
  public static FlopCount of(ResNetSpec spec) {
    return of(ResNet.configuration(spec),
        InputType.convolutional(spec.height(), spec.width(), spec.channels(), spec.dataFormat()));
  }

  /** DL4J's convolution or ours (same arithmetic); not its subclasses with other shapes (depthwise, separable...). */
  private static boolean isPlainConvolution(ConvolutionLayer c) {
    return c.getClass() == ConvolutionLayer.class || c.getClass() == FastConvolution.class;
  }

  private static boolean isDense(Layer layer) {
    return layer instanceof org.deeplearning4j.nn.conf.layers.DenseLayer
        || layer instanceof org.deeplearning4j.nn.conf.layers.OutputLayer;
  }

  /** @return multiply-adds of one forward pass, per image */
  public long forwardMacs() {
    return convMacs + denseMacs;
  }

  /** @return floating-point operations of one forward pass (2 per multiply-add), per image */
  public double forwardFlopsPerImage() {
    return 2.0 * forwardMacs();
  }

  /** @return floating-point operations of one training step (about 3 forward passes), per image */
  public double trainingFlopsPerImage() {
    return 3.0 * forwardFlopsPerImage();
  }

  @Override
  public String toString() {
    return String.format("FlopCount[forward=%.1f M MACs/image (conv %.1f M, dense %.3f M), training ~ %.2f GFLOP/image]",
        forwardMacs() / 1e6, convMacs / 1e6, denseMacs / 1e6, trainingFlopsPerImage() / 1e9);
  }
}
