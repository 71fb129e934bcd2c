package io.lrsched.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-channel reductions and affine maps over 4-d float activations, built from the few native kernels that are fast
 * on CPU in ND4J 1.0.0-M2.
 *
 * <p>Why not ND4J's {@code sum(0, 1, 2)}: a reduction over the non-channel axes walks every channel's strided column
 * separately and reads the whole array once per channel. A matrix-vector product with a vector of ones reads it
 * once. Likewise a per-channel {@code scale * x + shift} runs as libnd4j's {@code batchnorm} op with mean 0,
 * variance 1 and epsilon 0, which oneDNN executes in one pass in both layouts, where a broadcast multiply in NCHW
 * is several times slower. The measurements are in docs/PERFORMANCE.md.
 */
final class ChannelMath {

  /** Constant vectors by length; read-only, shared by all threads, allocated outside any workspace. */
  private static final Map<Long, INDArray> ONES = new ConcurrentHashMap<>();
  private static final Map<Long, INDArray> ZEROS = new ConcurrentHashMap<>();

  private ChannelMath() {}

  /**
   * Sums {@code x} over every axis but the channel axis.
   *
   * @param x c-ordered float array [N, C, H, W] or [N, H, W, C] with default strides
   * @param format which of the two layouts {@code x} has
   * @param out [C] float array that receives the sums
   */
  static void channelSums(INDArray x, CNN2DFormat format, INDArray out) {
    long n = x.size(0);
    long channels = out.length();
    long perSample = x.length() / n;
    INDArray column = out.reshape(channels, 1);
    if (format == CNN2DFormat.NHWC) {
      // x as [N*H*W, C]: out = x^T . 1
      INDArray rows = x.reshape('c', n * (perSample / channels), channels);
      Nd4j.gemm(rows, ones(rows.size(0)).reshape(rows.size(0), 1), column, true, false, 1.0, 0.0);
    } else {
      // x as [N*C, H*W]: per (sample, channel) sums, then [N, C]^T . 1
      long spatial = perSample / channels;
      INDArray planes = x.reshape('c', n * channels, spatial);
      INDArray perPlane = Nd4j.createUninitialized(DataType.FLOAT, n * channels, 1);
      Nd4j.gemm(planes, ones(spatial).reshape(spatial, 1), perPlane, false, false, 1.0, 0.0);
      Nd4j.gemm(perPlane.reshape('c', n, channels), ones(n).reshape(n, 1), column, true, false, 1.0, 0.0);
    }
  }

  /**
   * {@code out = scale * x + shift} per channel.
   *
   * @param x 4-d float array in {@code format}
   * @param format its layout
   * @param scale [C] per-channel factors
   * @param shift [C] per-channel offsets
   * @param out array shaped like {@code x}; may be {@code x} itself
   */
  static void affine(INDArray x, CNN2DFormat format, INDArray scale, INDArray shift, INDArray out) {
    long channels = scale.length();
    int axis = format == CNN2DFormat.NHWC ? 3 : 1;
    Nd4j.exec(DynamicCustomOp.builder("batchnorm")
        .addInputs(x, zeros(channels), ones(channels), scale, shift)
        .addOutputs(out)
        .addIntegerArguments(1, 1, axis)
        .addFloatingPointArguments(0.0)
        .build());
  }

  /** @return a shared read-only [length] vector of ones (never write into it) */
  static INDArray ones(long length) {
    return ONES.computeIfAbsent(length, len -> constant(len, 1f));
  }

  /** @return a shared read-only [length] vector of zeros (never write into it) */
  static INDArray zeros(long length) {
    return ZEROS.computeIfAbsent(length, len -> constant(len, 0f));
  }

  private static INDArray constant(long length, float value) {
    try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
      return Nd4j.valueArrayOf(new long[] {length}, value, DataType.FLOAT);
    }
  }
}
