package io.lrsched.nativeops;

/**
 * What {@link NativeSetup#configure()} asked for and what is actually in use in this JVM.
 *
 * @param mode the requested mode
 * @param cpu the detected CPU features
 * @param requestedBuild the JavaCPP platform extension requested ({@code ""} = plain build, {@code "-onednn"})
 * @param loadedBuild the folder name of the libnd4j build actually loaded, e.g. {@code linux-x86_64-onednn}
 * @param oneDnn whether the loaded libnd4j contains oneDNN
 * @param helpersEnabled whether DL4J's layer helpers are enabled for layers created from now on
 * @param threads native threads (OpenMP / libnd4j) in use
 * @param blasThreads OpenBLAS threads in use
 * @param ompWaitPolicy the {@code OMP_WAIT_POLICY} environment variable, lower case, or {@code default}
 * @param loadedTooEarly whether ND4J was already initialised when {@code configure()} ran, so the requested build
 *     could not be applied (pass the JVM flag instead)
 */
public record NativeConfig(
    NativeMode mode,
    CpuFeatures cpu,
    String requestedBuild,
    String loadedBuild,
    boolean oneDnn,
    boolean helpersEnabled,
    int threads,
    int blasThreads,
    String ompWaitPolicy,
    boolean loadedTooEarly) {

  /** @return the one line {@link NativeSetup} logs */
  @Override
  public String toString() {
    return "native: mode=" + mode.name().toLowerCase(java.util.Locale.ROOT) + ", build=" + loadedBuild
        + (oneDnn ? " (oneDNN)" : " (no oneDNN)") + ", dl4j-helpers=" + (helpersEnabled ? "on" : "off")
        + ", threads=" + threads + " (blas " + blasThreads + ", omp-wait " + ompWaitPolicy + ")"
        + ", cpu=" + cpu.isaLabel() + " [" + cpu.modelName() + "]"
        + (loadedTooEarly ? ", WARNING: ND4J was loaded before NativeSetup.configure(); requested build '"
            + requestedBuild + "' not applied" : "");
  }
}
