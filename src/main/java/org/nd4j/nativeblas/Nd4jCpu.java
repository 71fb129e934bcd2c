package org.nd4j.nativeblas;

/**
 * Compatibility shim that lets DL4J 1.0.0-M2's oneDNN layer helpers find the native environment.
 *
 * <p>Why it exists: {@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()} in deeplearning4j-nn
 * 1.0.0-M2 looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment} by reflection and calls
 * {@code getInstance().isUseMKLDNN()}. In nd4j-native 1.0.0-M2 the JavaCPP bindings moved to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and the method was renamed
 * {@code isUseONEDNN()}. The lookup therefore fails, the helper records a failed check and every convolution,
 * pooling and batch-norm layer silently falls back to DL4J's Java im2col/gemm path. This class restores the old name
 * and delegates to the moved class, so the helpers engage when the oneDNN build of libnd4j is loaded.
 *
 * <p>Nothing else in the project uses this class; {@code io.lrsched.nativeops.NativeSetup} decides whether helpers
 * are enabled at all.
 */
public final class Nd4jCpu {

  private Nd4jCpu() {}

  /** The subset of the old {@code Nd4jCpu.Environment} API that DL4J's helpers call. */
  public static final class Environment {

    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    /** @return the singleton, as the old JavaCPP binding did */
    public static Environment getInstance() {
      return INSTANCE;
    }

    /** @return whether the loaded libnd4j was built with oneDNN and has it switched on */
    public boolean isUseMKLDNN() {
      return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
    }

    /** @return same as {@link #isUseMKLDNN()}, under the new name */
    public boolean isUseONEDNN() {
      return isUseMKLDNN();
    }
  }
}
