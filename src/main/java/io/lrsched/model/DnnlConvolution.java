package io.lrsched.model;

import static io.lrsched.model.Dnnl.arg;
import static io.lrsched.model.Dnnl.check;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import io.lrsched.model.Dnnl.Arg;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN's 2-d convolution backward on NHWC activations, called directly through the {@code org.bytedeco:dnnl}
 * presets on ND4J's float arrays: backward to the input, backward to the weights (and bias), each primitive created
 * once per geometry, pass and thread.
 *
 * <p>Why: libnd4j 1.0.0-M2's {@code conv2d_bp} creates its primitives on every call and leaves every layout to oneDNN
 * ({@code format_tag::any}); oneDNN then picks blocked layouts, so the input, the output gradient and the input
 * gradient are reordered out of NHWC and back on every call. Here the activations stay NHWC (oneDNN's AVX-512
 * backward kernels read and write it directly, 1x1 and 3x3) and only the weights, which are small, go through the
 * layout oneDNN prefers: reordered into it before the backward-data pass, and the weight gradient reordered out of
 * it. (Forward, libnd4j already reads NHWC without reorders; its {@code conv2d} measured as fast or faster per layer
 * than this class's forward primitive did, so there is none here.) NCHW is left to libnd4j: on plain NCHW oneDNN
 * falls back to im2col + GEMM kernels, slower for 3x3 convolutions than libnd4j's reorders to blocked layouts.
 *
 * <p>Weights and their gradient are DL4J's {@code [out, in, kH, kW]}; activations {@code [N, H, W, C]}; all
 * c-ordered with default strides.
 */
final class DnnlConvolution {

  // One cache per thread, as DnnlBatchNorm's (Spark runs several training tasks in one executor JVM at once); it
  // also makes each primitive's buffer for reordered weights private to the thread that uses it.
  private static final ThreadLocal<Map<Key, Pass>> CACHE = ThreadLocal.withInitial(HashMap::new);

  private DnnlConvolution() {}

  /** A height and a width. */
  record Size(long height, long width) {}

  /**
   * One convolution's shapes and arithmetic.
   *
   * @param batch N
   * @param inChannels input channels
   * @param outChannels output channels
   * @param in input height and width
   * @param out output height and width
   * @param kernel kernel height and width
   * @param stride strides
   * @param padBegin zero rows above and columns left of the input
   * @param padEnd rows below and columns right of it that the last window reaches; negative where the windows leave
   *     input rows or columns unread (a stride larger than the kernel)
   * @param bias whether a bias is added
   */
  record Geometry(long batch, long inChannels, long outChannels, Size in, Size out, Size kernel, Size stride,
      Size padBegin, Size padEnd, boolean bias) {}

  /**
   * Whether {@link #backwardWeights} may run this geometry. oneDNN 2.5.2's {@code jit_1x1:avx512_common}
   * backward-weights kernel corrupts the C heap on NHWC 1x1 convolutions with a stride above 1 and fewer than 16 input
   * channels (glibc aborts with {@code munmap_chunk(): invalid pointer} and the like; reproduced with 4, 5, 8 and 12
   * input channels, not with 16, 24, 40 or 64). Such layers take libnd4j's path instead.
   *
   * @param g the geometry
   * @return whether oneDNN's backward-weights primitive is safe for it
   */
  static boolean backwardWeightsSafe(Geometry g) {
    boolean stridedPointwise = g.kernel().equals(new Size(1, 1)) && !g.stride().equals(new Size(1, 1));
    return !stridedPointwise || g.inChannels() >= 16;
  }

  /**
   * Backward pass to the input.
   *
   * @param g the geometry
   * @param dy gradient of the output
   * @param weights weights
   * @param dx receives the input's gradient
   */
  static void backwardData(Geometry g, INDArray dy, INDArray weights, INDArray dx) {
    Pass p = pass(g, Kind.BACKWARD_DATA);
    Dnnl.execute(p.primitive(), List.of(arg(DNNL_ARG_DIFF_DST, p.dst(), dy), p.weightsIn(weights),
        arg(DNNL_ARG_DIFF_SRC, p.src(), dx)));
  }

  /**
   * Backward pass to the weights (and bias).
   *
   * @param g the geometry
   * @param x the forward input
   * @param dy gradient of the output
   * @param dWeights receives the weights' gradient
   * @param dBias receives the bias' gradient when the geometry has a bias, else null
   */
  static void backwardWeights(Geometry g, INDArray x, INDArray dy, INDArray dWeights, INDArray dBias) {
    Pass p = pass(g, Kind.BACKWARD_WEIGHTS);
    Arg diffWeights = p.weightsReorder() == null ? arg(DNNL_ARG_DIFF_WEIGHTS, p.plainWeights(), dWeights)
        : new Arg(DNNL_ARG_DIFF_WEIGHTS, p.weights(), p.weightsBuffer());
    List<Arg> args = new ArrayList<>(List.of(arg(DNNL_ARG_SRC, p.src(), x), arg(DNNL_ARG_DIFF_DST, p.dst(), dy),
        diffWeights));
    if (g.bias()) {
      args.add(arg(DNNL_ARG_DIFF_BIAS, p.bias(), dBias));
    }
    Dnnl.execute(p.primitive(), args);
    if (p.weightsReorder() != null) {
      Dnnl.execute(p.weightsReorder(), List.of(diffWeights.withId(DNNL_ARG_FROM),
          arg(DNNL_ARG_TO, p.plainWeights(), dWeights)));
    }
  }

  private enum Kind { BACKWARD_DATA, BACKWARD_WEIGHTS }

  private record Key(Geometry geometry, Kind kind) {}

  private static Pass pass(Geometry g, Kind kind) {
    if (!Dnnl.available()) {
      throw new IllegalStateException("oneDNN (org.bytedeco:dnnl) is not available on this platform");
    }
    return CACHE.get().computeIfAbsent(new Key(g, kind), DnnlConvolution::create);
  }

  private static Pass create(Key key) {
    Geometry g = key.geometry();
    dnnl_memory_desc_t src = Dnnl.desc(new long[] {g.batch(), g.inChannels(), g.in().height(), g.in().width()},
        dnnl.dnnl_nhwc);
    dnnl_memory_desc_t dst = Dnnl.desc(new long[] {g.batch(), g.outChannels(), g.out().height(), g.out().width()},
        dnnl.dnnl_nhwc);
    long[] weightDims = {g.outChannels(), g.inChannels(), g.kernel().height(), g.kernel().width()};
    dnnl_memory_desc_t plainWeights = Dnnl.desc(weightDims, dnnl.dnnl_oihw);
    dnnl_memory_desc_t anyWeights = Dnnl.desc(weightDims, dnnl.dnnl_format_tag_any);
    dnnl_memory_desc_t bias = g.bias() ? Dnnl.desc(new long[] {g.outChannels()}, dnnl.dnnl_a) : null;
    long[] strides = {g.stride().height(), g.stride().width()};
    long[] padBegin = {g.padBegin().height(), g.padBegin().width()};
    long[] padEnd = {g.padEnd().height(), g.padEnd().width()};

    // oneDNN picks a backward implementation only with the forward pass's as a hint.
    dnnl_convolution_desc_t forward = new dnnl_convolution_desc_t();
    check(dnnl.dnnl_convolution_forward_desc_init(forward, dnnl.dnnl_forward_training, dnnl.dnnl_convolution_direct,
        src, anyWeights, bias, dst, strides, padBegin, padEnd), "forward convolution descriptor");
    dnnl_primitive_desc hint = Dnnl.primitiveDesc(forward, null, "forward convolution primitive descriptor");
    dnnl_primitive_desc pd;
    if (key.kind() == Kind.BACKWARD_DATA) {
      dnnl_convolution_desc_t backward = new dnnl_convolution_desc_t();
      check(dnnl.dnnl_convolution_backward_data_desc_init(backward, dnnl.dnnl_convolution_direct, src, anyWeights,
          dst, strides, padBegin, padEnd), "backward-data convolution descriptor");
      pd = Dnnl.primitiveDesc(backward, hint, "backward-data convolution primitive descriptor");
    } else {
      dnnl_convolution_desc_t backward = new dnnl_convolution_desc_t();
      check(dnnl.dnnl_convolution_backward_weights_desc_init(backward, dnnl.dnnl_convolution_direct, src,
          anyWeights, bias, dst, strides, padBegin, padEnd), "backward-weights convolution descriptor");
      pd = Dnnl.primitiveDesc(backward, hint, "backward-weights convolution primitive descriptor");
    }

    boolean weightsOut = key.kind() == Kind.BACKWARD_WEIGHTS;
    dnnl_memory_desc_t weights = Dnnl.queryDesc(pd,
        weightsOut ? dnnl.dnnl_query_diff_weights_md : dnnl.dnnl_query_weights_md);
    if (dnnl.dnnl_memory_desc_equal(weights, plainWeights) != 0) {
      return new Pass(Dnnl.primitive(pd), src, dst, bias, plainWeights, plainWeights, null, null);
    }
    dnnl_primitive reorder = weightsOut ? Dnnl.reorder(weights, plainWeights) : Dnnl.reorder(plainWeights, weights);
    BytePointer buffer = new BytePointer(dnnl.dnnl_memory_desc_get_size(weights));
    return new Pass(Dnnl.primitive(pd), src, dst, bias, plainWeights, weights, reorder, buffer);
  }

  /**
   * One pass's primitive and the layouts of its arguments; kept for the life of the thread.
   *
   * @param weights the layout the primitive reads or writes the weights in
   * @param weightsReorder between DL4J's layout and {@code weights}; null when they are the same
   * @param weightsBuffer holds the weights in {@code weights}' layout during one call; null when no reorder
   */
  private record Pass(dnnl_primitive primitive, dnnl_memory_desc_t src, dnnl_memory_desc_t dst,
      dnnl_memory_desc_t bias, dnnl_memory_desc_t plainWeights, dnnl_memory_desc_t weights,
      dnnl_primitive weightsReorder, BytePointer weightsBuffer) {

    /** The weights as the backward-data primitive reads them, reordered into its buffer first if need be. */
    Arg weightsIn(INDArray dl4jWeights) {
      Arg plain = arg(DNNL_ARG_WEIGHTS, plainWeights, dl4jWeights);
      if (weightsReorder == null) {
        return plain;
      }
      Dnnl.execute(weightsReorder, List.of(plain.withId(DNNL_ARG_FROM),
          new Arg(DNNL_ARG_TO, weights, weightsBuffer)));
      return new Arg(DNNL_ARG_WEIGHTS, weights, weightsBuffer);
    }
  }
}
