package io.lrsched.model;

import java.util.List;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the layers that call oneDNN directly ({@link DnnlBatchNorm}, {@link DnnlConvolution}) share: loading the
 * {@code org.bytedeco:dnnl} presets, one CPU engine, a stream per thread, and running a primitive on memory that
 * ND4J (or the caller) owns, without copies.
 *
 * <p>The presets' {@code libdnnl} loads beside libnd4j's statically linked copy of oneDNN without conflict (libnd4j
 * exports none of oneDNN's symbols) and binds to the same {@code libgomp}, so both use the OpenMP thread count that
 * {@code NativeSetup} and {@code TaskThreads} set on the calling thread.
 *
 * <p>Arrays must be float (or bytes), c-ordered with default strides, and must not move during a call (ND4J's never
 * do).
 */
final class Dnnl {

  private static final boolean AVAILABLE = load();
  private static final dnnl_engine ENGINE = AVAILABLE ? engine() : null;
  private static final ThreadLocal<dnnl_stream> STREAM = ThreadLocal.withInitial(Dnnl::stream);

  private Dnnl() {}

  /** @return whether oneDNN's presets loaded on this platform */
  static boolean available() {
    return AVAILABLE;
  }

  /** One argument of a primitive: its oneDNN id ({@code DNNL_ARG_*}), its layout, and where its data lies. */
  record Arg(int id, dnnl_memory_desc_t desc, Pointer data) {

    /**
     * @param otherId another {@code DNNL_ARG_*}
     * @return the same memory as that argument (of a reorder, say)
     */
    Arg withId(int otherId) {
      return new Arg(otherId, desc, data);
    }
  }

  /**
   * @param id the argument's {@code DNNL_ARG_*}
   * @param desc its layout
   * @param array the ND4J array holding it
   * @return the argument, pointing at the array's first element
   */
  static Arg arg(int id, dnnl_memory_desc_t desc, INDArray array) {
    return new Arg(id, desc, new Address(address(array)));
  }

  /**
   * @param dims the dimensions, in oneDNN's order (N, C, H, W for activations)
   * @param tag the layout ({@code dnnl_nhwc}, {@code dnnl_oihw}, ... or {@code dnnl_format_tag_any})
   * @return a float memory descriptor
   */
  static dnnl_memory_desc_t desc(long[] dims, int tag) {
    dnnl_memory_desc_t desc = new dnnl_memory_desc_t();
    check(dnnl.dnnl_memory_desc_init_by_tag(desc, dims.length, dims, dnnl.dnnl_f32, tag), "memory descriptor");
    return desc;
  }

  /**
   * @param pd a primitive descriptor
   * @param what which of its memory descriptors ({@code dnnl_query_*_md})
   * @return a copy: the query's result lives inside the primitive descriptor
   */
  static dnnl_memory_desc_t queryDesc(dnnl_primitive_desc pd, int what) {
    dnnl_memory_desc_t desc = new dnnl_memory_desc_t();
    Pointer.memcpy(desc, dnnl.dnnl_primitive_desc_query_md(pd, what, 0), desc.sizeof());
    return desc;
  }

  /**
   * @param opDesc an operation descriptor (batch norm, convolution, ...)
   * @param hint the forward pass's primitive descriptor, for a backward operation; else null
   * @param what names the operation in errors
   * @return the primitive descriptor of the implementation oneDNN chose for this CPU
   */
  static dnnl_primitive_desc primitiveDesc(Pointer opDesc, dnnl_primitive_desc hint, String what) {
    dnnl_primitive_desc pd = new dnnl_primitive_desc();
    check(dnnl.dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(opDesc), null, ENGINE, hint), what);
    return pd;
  }

  /**
   * @param from the source layout
   * @param to the destination layout
   * @return a primitive copying memory from one layout to the other
   */
  static dnnl_primitive reorder(dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
    dnnl_primitive_desc pd = new dnnl_primitive_desc();
    check(dnnl.dnnl_reorder_primitive_desc_create(pd, from, ENGINE, to, ENGINE, null), "reorder descriptor");
    return primitive(pd);
  }

  /**
   * @param pd a primitive descriptor
   * @return its primitive (compiled once; kept for the life of the JVM by the callers' caches)
   */
  static dnnl_primitive primitive(dnnl_primitive_desc pd) {
    dnnl_primitive primitive = new dnnl_primitive();
    check(dnnl.dnnl_primitive_create(primitive, pd), "primitive");
    return primitive;
  }

  /**
   * Runs a primitive on this thread's stream and waits for it. Per call only the memory handles are made.
   *
   * @param primitive the primitive
   * @param args its arguments
   */
  static void execute(dnnl_primitive primitive, List<Arg> args) {
    int n = args.size();
    dnnl_exec_arg_t exec = new dnnl_exec_arg_t(n);
    dnnl_memory[] memories = new dnnl_memory[n];
    try {
      for (int i = 0; i < n; i++) {
        Arg a = args.get(i);
        memories[i] = new dnnl_memory();
        check(dnnl.dnnl_memory_create(memories[i], a.desc(), ENGINE, a.data()), "memory");
        exec.position(i).arg(a.id()).memory(memories[i]);
      }
      dnnl_stream stream = STREAM.get();
      check(dnnl.dnnl_primitive_execute(primitive, stream, n, exec.position(0)), "execute");
      check(dnnl.dnnl_stream_wait(stream), "wait");
    } finally {
      for (dnnl_memory m : memories) {
        if (m != null && !m.isNull()) {
          dnnl.dnnl_memory_destroy(m);
        }
      }
      exec.close();
    }
  }

  /**
   * @param status a oneDNN return code
   * @param what the call, for the error
   */
  static void check(int status, String what) {
    if (status != dnnl.dnnl_success) {
      throw new IllegalStateException("oneDNN: creating/running the " + what + " failed, status " + status);
    }
  }

  /** The native address of an array's first element, checked to be laid out as oneDNN will read it. */
  private static long address(INDArray a) {
    boolean dense = a.isVectorOrScalar() ? a.elementWiseStride() == 1 : rowMajorDense(a.shape(), a.stride());
    if (!dense || a.dataType() != DataType.FLOAT && a.dataType() != DataType.UINT8) {
      throw new IllegalArgumentException("oneDNN needs dense c-ordered float arrays (vectors: stride 1), got "
          + a.shapeInfoToString());
    }
    return a.data().address() + a.offset() * a.data().getElementSize();
  }

  /**
   * Whether every dimension longer than 1 has the stride of a dense row-major array. ND4J gives a size-1 dimension
   * any stride (a {@code [16,32,32,1]} array may carry {@code [1024,32,1,1]}), which is dense all the same.
   */
  private static boolean rowMajorDense(long[] shape, long[] stride) {
    long expected = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] != 1 && stride[i] != expected) {
        return false;
      }
      expected *= shape[i];
    }
    return true;
  }

  /** A pointer to memory ND4J owns. */
  private static final class Address extends Pointer {
    Address(long address) {
      this.address = address;
    }
  }

  private static boolean load() {
    try {
      Loader.load(dnnl.class);
      return true;
    } catch (Throwable e) { // no presets for this platform: the layers keep DL4J's code
      return false;
    }
  }

  private static dnnl_engine engine() {
    dnnl_engine engine = new dnnl_engine();
    check(dnnl.dnnl_engine_create(engine, dnnl.dnnl_cpu, 0), "engine");
    return engine;
  }

  private static dnnl_stream stream() {
    dnnl_stream stream = new dnnl_stream();
    check(dnnl.dnnl_stream_create(stream, ENGINE, dnnl.dnnl_stream_default_flags), "stream");
    return stream;
  }
}
