package io.lrsched.nativeops;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Which layers of a live network actually run on a DL4J layer helper (oneDNN on CPU). DL4J falls back to its own
 * implementation silently, so this is the way to check that {@link NativeSetup}'s choice took effect.
 *
 * @param conv convolution layers with a helper
 * @param convTotal convolution layers
 * @param batchNorm batch-norm layers with a helper
 * @param batchNormTotal batch-norm layers
 * @param pooling pooling layers with a helper
 * @param poolingTotal pooling layers
 */
public record HelperUsage(int conv, int convTotal, int batchNorm, int batchNormTotal, int pooling, int poolingTotal) {

  /**
   * Counts helpers in an initialised network (helpers are created with the layers).
   *
   * @param graph the network
   * @return the counts
   */
  public static HelperUsage of(ComputationGraph graph) {
    int[] c = new int[6];
    for (Layer layer : graph.getLayers()) {
      int slot;
      if (layer instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) {
        slot = 0;
      } else if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
        slot = 2;
      } else if (layer instanceof org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer) {
        slot = 4;
      } else {
        slot = -1;
      }
      if (slot >= 0) {
        c[slot + 1]++;
        if (layer.getHelper() != null) {
          c[slot]++;
        }
      }
    }
    return new HelperUsage(c[0], c[1], c[2], c[3], c[4], c[5]);
  }

  /** @return whether every convolution, batch-norm and pooling layer runs on a helper */
  public boolean all() {
    return conv == convTotal && batchNorm == batchNormTotal && pooling == poolingTotal;
  }

  /** @return whether no layer runs on a helper */
  public boolean none() {
    return conv == 0 && batchNorm == 0 && pooling == 0;
  }

  @Override
  public String toString() {
    return "conv " + conv + "/" + convTotal + ", bn " + batchNorm + "/" + batchNormTotal + ", pool " + pooling + "/"
        + poolingTotal;
  }
}
