package io.lrsched.model;

import static io.lrsched.model.Dnnl.arg;
import static io.lrsched.model.Dnnl.check;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;

import io.lrsched.model.Dnnl.Arg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.dnnl_batch_normalization_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.global.dnnl;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN's batch normalization (optionally fused with the ReLU that follows it), called directly through the
 * {@code org.bytedeco:dnnl} presets on ND4J's float arrays, with each primitive created once per shape and reused.
 *
 * <p>Why: libnd4j 1.0.0-M2 offers oneDNN's batch-norm kernel only as an affine map (its {@code batchnorm} op) and
 * recreates the primitive on every call; the batch statistics, the gradient's mean and variance terms and the ReLU
 * then cost separate passes over memory. oneDNN computes the statistics inside the kernel, the whole backward pass
 * in one kernel, and with {@code fuse_norm_relu} applies ReLU on the way out (and its mask on the way back, from a
 * bit mask it keeps in a workspace). Loading, the engine and running a primitive are {@link Dnnl}'s.
 *
 * <p>Arrays must be float, c-ordered with default strides ({@code [N, C, H, W]} or {@code [N, H, W, C]} as the
 * format says; per-channel vectors of length C) and must not move during a call (ND4J's never do).
 */
final class DnnlBatchNorm {

  /** Primitives are immutable and may run on several threads at once; one per shape, layout and kind. */
  // One cache per thread: Spark runs several training tasks in one executor JVM at once, and identical tiny runs
  // on local[2] diverged (different losses, some NaN) while the tasks shared primitives.
  private static final ThreadLocal<Map<Key, Primitives>> CACHE = ThreadLocal.withInitial(HashMap::new);

  private DnnlBatchNorm() {}

  /**
   * Training forward pass: batch statistics (biased variance, as DL4J) and the normalised (and ReLU'd) output.
   *
   * @param x input
   * @param format its layout
   * @param eps added to the variance
   * @param relu whether ReLU is fused on the output; then {@code workspace} receives the mask backward needs
   * @param gamma scale, [C] elements
   * @param beta shift
   * @param y output, shaped like x
   * @param mean receives the batch mean
   * @param var receives the batch variance
   * @param workspace {@link #workspaceBytes} bytes when {@code relu}, else null
   */
  static void forwardTraining(INDArray x, CNN2DFormat format, double eps, boolean relu, INDArray gamma,
      INDArray beta, INDArray y, INDArray mean, INDArray var, INDArray workspace) {
    Primitives p = primitives(x.shape(), format, eps, relu, Kind.TRAIN);
    p.execute(List.of(
        arg(DNNL_ARG_SRC, p.data, x), arg(DNNL_ARG_DST, p.data, y),
        arg(DNNL_ARG_SCALE, p.channel, gamma), arg(DNNL_ARG_SHIFT, p.channel, beta),
        arg(DNNL_ARG_MEAN, p.channel, mean), arg(DNNL_ARG_VARIANCE, p.channel, var)),
        relu ? arg(DNNL_ARG_WORKSPACE, p.workspace, workspace) : null);
  }

  /**
   * Inference with given statistics: {@code y = gamma * (x - mean) / sqrt(var + eps) + beta}, then ReLU if asked.
   *
   * @param x input
   * @param format its layout
   * @param eps added to the variance
   * @param relu whether ReLU is fused on the output
   * @param gamma scale
   * @param beta shift
   * @param mean the statistics' mean
   * @param var their variance
   * @param y output, shaped like x
   */
  static void forwardInference(INDArray x, CNN2DFormat format, double eps, boolean relu, INDArray gamma,
      INDArray beta, INDArray mean, INDArray var, INDArray y) {
    Primitives p = primitives(x.shape(), format, eps, relu, Kind.INFER);
    p.execute(List.of(
        arg(DNNL_ARG_SRC, p.data, x), arg(DNNL_ARG_DST, p.data, y),
        arg(DNNL_ARG_SCALE, p.channel, gamma), arg(DNNL_ARG_SHIFT, p.channel, beta),
        arg(DNNL_ARG_MEAN, p.channel, mean), arg(DNNL_ARG_VARIANCE, p.channel, var)), null);
  }

  /**
   * Backward pass of {@link #forwardTraining} through the batch statistics.
   *
   * @param x the forward input
   * @param dy gradient of the forward output
   * @param format layout of both
   * @param eps as forward
   * @param relu as forward; then {@code workspace} is the forward's
   * @param gamma scale
   * @param beta shift (oneDNN 2.5 requires it although the gradient does not depend on it)
   * @param mean the forward's batch mean
   * @param var the forward's batch variance
   * @param workspace the forward's workspace, or null
   * @param dx receives the input gradient
   * @param dGamma receives gamma's gradient
   * @param dBeta receives beta's gradient
   */
  static void backward(INDArray x, INDArray dy, CNN2DFormat format, double eps, boolean relu, INDArray gamma,
      INDArray beta, INDArray mean, INDArray var, INDArray workspace, INDArray dx, INDArray dGamma, INDArray dBeta) {
    Primitives p = primitives(x.shape(), format, eps, relu, Kind.BACKWARD);
    p.execute(List.of(
        arg(DNNL_ARG_SRC, p.data, x), arg(DNNL_ARG_DIFF_DST, p.data, dy),
        arg(DNNL_ARG_SCALE, p.channel, gamma), arg(DNNL_ARG_SHIFT, p.channel, beta),
        arg(DNNL_ARG_MEAN, p.channel, mean), arg(DNNL_ARG_VARIANCE, p.channel, var),
        arg(DNNL_ARG_DIFF_SRC, p.data, dx),
        arg(DNNL_ARG_DIFF_SCALE, p.channel, dGamma), arg(DNNL_ARG_DIFF_SHIFT, p.channel, dBeta)),
        relu ? arg(DNNL_ARG_WORKSPACE, p.workspace, workspace) : null);
  }

  /**
   * @param shape the activations' shape
   * @param format their layout
   * @param eps as forward
   * @return bytes of the ReLU mask that a fused training forward pass keeps for backward
   */
  static long workspaceBytes(long[] shape, CNN2DFormat format, double eps) {
    return dnnl.dnnl_memory_desc_get_size(primitives(shape, format, eps, true, Kind.TRAIN).workspace);
  }

  private enum Kind { TRAIN, INFER, BACKWARD }

  private record Key(List<Long> shape, CNN2DFormat format, double eps, boolean relu, Kind kind) {}

  private static Primitives primitives(long[] shape, CNN2DFormat format, double eps, boolean relu, Kind kind) {
    if (!Dnnl.available()) {
      throw new IllegalStateException("oneDNN (org.bytedeco:dnnl) is not available on this platform");
    }
    Key key = new Key(Arrays.stream(shape).boxed().toList(), format, eps, relu, kind);
    return CACHE.get().computeIfAbsent(key, DnnlBatchNorm::create);
  }

  private static Primitives create(Key key) {
    long[] s = key.shape().stream().mapToLong(Long::longValue).toArray();
    boolean nhwc = key.format() == CNN2DFormat.NHWC;
    long[] nchwDims = nhwc ? new long[] {s[0], s[3], s[1], s[2]} : s;
    dnnl_memory_desc_t data = Dnnl.desc(nchwDims, nhwc ? dnnl.dnnl_nhwc : dnnl.dnnl_nchw);
    dnnl_memory_desc_t channel = Dnnl.desc(new long[] {nchwDims[1]}, dnnl.dnnl_a);
    int flags = dnnl.dnnl_use_scale | dnnl.dnnl_use_shift | (key.relu() ? dnnl.dnnl_fuse_norm_relu : 0);
    float eps = (float) key.eps();

    dnnl_batch_normalization_desc_t forward = new dnnl_batch_normalization_desc_t();
    boolean infer = key.kind() == Kind.INFER;
    check(dnnl.dnnl_batch_normalization_forward_desc_init(forward,
        infer ? dnnl.dnnl_forward_inference : dnnl.dnnl_forward_training, data, eps,
        infer ? flags | dnnl.dnnl_use_global_stats : flags), "forward descriptor");
    dnnl_primitive_desc forwardPd = Dnnl.primitiveDesc(forward, null, "forward batch-norm primitive descriptor");
    dnnl_primitive_desc pd = forwardPd;
    if (key.kind() == Kind.BACKWARD) {
      dnnl_batch_normalization_desc_t backward = new dnnl_batch_normalization_desc_t();
      check(dnnl.dnnl_batch_normalization_backward_desc_init(backward, dnnl.dnnl_backward, data, data, eps, flags),
          "backward descriptor");
      pd = Dnnl.primitiveDesc(backward, forwardPd, "backward batch-norm primitive descriptor");
    }
    dnnl_memory_desc_t workspace = key.relu() && !infer ? Dnnl.queryDesc(pd, dnnl.dnnl_query_workspace_md) : null;
    return new Primitives(Dnnl.primitive(pd), data, channel, workspace);
  }

  /** One primitive and the descriptors of its arguments; kept for the life of the JVM. */
  private record Primitives(dnnl_primitive primitive, dnnl_memory_desc_t data, dnnl_memory_desc_t channel,
      dnnl_memory_desc_t workspace) {

    void execute(List<Arg> args, Arg extra) {
      List<Arg> all = new ArrayList<>(args);
      if (extra != null) {
        all.add(extra);
      }
      Dnnl.execute(primitive, all);
    }
  }
}
