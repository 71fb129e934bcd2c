package io.lrsched.nativeops;

import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and installs the native configuration of ND4J/DL4J for this JVM, once.
 *
 * <p>{@link #configure()} runs before any ND4J/DL4J class is used: on the driver from the entry point
 * ({@code io.lrsched.cli.Main}, for the commands that run ND4J), on every executor when it starts
 * ({@code io.lrsched.train.NativePlugin}). It is idempotent and
 * thread-safe; later calls only re-apply the OpenMP thread count for the calling thread.
 *
 * <p>What it does, and why each piece needs to happen when it happens:
 * <ul>
 *   <li><b>Native build.</b> JavaCPP picks the libnd4j build when ND4J first loads, from the system property
 *       {@value #EXTENSION_PROPERTY}; with both builds on the class path and the property unset, it takes the first
 *       of the presets' list, {@code -onednn}. {@code FAST} asks for {@code -onednn} when the CPU has AVX2 and the
 *       oneDNN jar is present, else the plain build; {@code REFERENCE} asks for the plain build ({@code ""}). The
 *       property only has an effect if set before ND4J loads; if it was too late the log line says so, and the
 *       remedy is the JVM flag {@code -Dorg.bytedeco.javacpp.platform.extension=...}. A value given by the user
 *       as a JVM flag is never overridden.</li>
 *   <li><b>DL4J layer helpers.</b> DL4J 1.0.0-M2 disables its oneDNN helpers unless
 *       {@value #HELPERS_DISABLE_PROPERTY}{@code =false}; the property is read whenever a layer is created, so it
 *       can be set programmatically at any time before the network is built (and switched between networks). The
 *       helpers also need the {@code org.nd4j.nativeblas.Nd4jCpu} shim in this project.</li>
 *   <li><b>Threads.</b> libnd4j's OpenMP pool and its own thread limit are set to {@value #THREADS_PROPERTY}, else
 *       {@code OMP_NUM_THREADS}, else the number of available processors (ND4J's own default oversubscribes: it
 *       reported 4 OpenMP threads on 2 cores). OpenBLAS gets 1 thread when the helpers are on (it then only runs the
 *       dense layer, and its spinning pool fights OpenMP), all threads otherwise.</li>
 *   <li><b>Periodic GC.</b> ND4J's periodic {@code System.gc()} is switched off.</li>
 *   <li><b>Not settable from Java:</b> {@code OMP_WAIT_POLICY} is read by libgomp when libnd4j loads, so it must be
 *       in the environment ({@code export OMP_WAIT_POLICY=PASSIVE}; on Spark
 *       {@code spark.executorEnv.OMP_WAIT_POLICY=PASSIVE}). PASSIVE made training faster on a shared 2-core machine,
 *       where spinning OpenMP threads steal time from each other and from other processes (docs/PERFORMANCE.md).</li>
 * </ul>
 *
 * <p>The mode comes from the system property {@value #MODE_PROPERTY} or the environment variable
 * {@value #MODE_ENV} ({@code fast}, the default, or {@code reference}).
 */
public final class NativeSetup {

  /** System property selecting the mode: {@code fast} (default) or {@code reference}. */
  public static final String MODE_PROPERTY = "lrsched.native.mode";
  /** Environment variable selecting the mode when the system property is absent. */
  public static final String MODE_ENV = "LRSCHED_NATIVE_MODE";
  /** System property overriding the number of native threads. */
  public static final String THREADS_PROPERTY = "lrsched.native.threads";
  /** JavaCPP's system property selecting the native build variant. */
  public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
  /** DL4J 1.0.0-M2's system property that disables its layer helpers (default {@code true}). */
  public static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

  static final String ONEDNN_EXTENSION = "-onednn";
  private static final String ONEDNN_RESOURCE =
      "org/nd4j/linalg/cpu/nativecpu/bindings/" + "linux-x86_64" + ONEDNN_EXTENSION + "/libnd4jcpu.so";

  private static final Logger LOG = LoggerFactory.getLogger(NativeSetup.class);
  private static NativeConfig current;

  private NativeSetup() {}

  /**
   * Installs the configuration chosen by {@value #MODE_PROPERTY} / {@value #MODE_ENV}, or returns the one already
   * installed.
   *
   * @return what is in use
   * @throws IllegalArgumentException if the mode or thread count given by the user is invalid
   */
  public static synchronized NativeConfig configure() {
    if (current != null) {
      // OpenMP's thread count is a per-thread setting: re-apply it for the calling thread (e.g. a Spark task
      // thread that trains), which otherwise would use OMP_NUM_THREADS or every core of the machine.
      NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(current.threads());
      return current;
    }
    String modeValue = System.getProperty(MODE_PROPERTY, System.getenv(MODE_ENV));
    NativeMode mode = modeValue == null ? NativeMode.FAST : NativeMode.parse(modeValue);
    current = install(mode);
    LOG.info("{}", current);
    return current;
  }

  /** @return the configuration installed by {@link #configure()}, or null before it ran */
  public static synchronized NativeConfig current() {
    return current;
  }

  private static NativeConfig install(NativeMode mode) {
    CpuFeatures cpu = CpuFeatures.detect();
    String requested;
    if (System.getProperty(EXTENSION_PROPERTY) != null) {
      requested = System.getProperty(EXTENSION_PROPERTY); // the user's JVM flag wins
    } else {
      requested = mode == NativeMode.FAST && cpu.avx2() && oneDnnJarPresent() ? ONEDNN_EXTENSION : "";
      System.setProperty(EXTENSION_PROPERTY, requested);
    }
    boolean helpers = mode == NativeMode.FAST;
    System.setProperty(HELPERS_DISABLE_PROPERTY, Boolean.toString(!helpers));

    boolean loadedBefore = nd4jLoaded();
    Nd4j.getBackend(); // loads libnd4j now, with the properties above
    String loaded = loadedBuild();
    boolean oneDnn = loaded.endsWith(ONEDNN_EXTENSION) || loaded.contains(ONEDNN_EXTENSION + "-");
    int threads = threads();
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    // With the helpers, oneDNN (OpenMP) does the convolutions and OpenBLAS only the tiny dense layer; OpenBLAS's own
    // busy-waiting thread pool then just competes with OpenMP for the cores (measured: 1-module model 28 -> 37
    // images/s on 2 cores). On the reference path OpenBLAS does all the convolution gemms, so it keeps all threads.
    int blasThreads = helpers ? 1 : threads;
    Nd4j.factory().blas().setMaxThreads(blasThreads);
    // ND4J's periodic System.gc() (to free off-heap memory of unreachable arrays) stalls training; workspaces make it
    // unnecessary for the network's own arrays.
    Nd4j.getMemoryManager().togglePeriodicGc(false);
    boolean tooEarly = loadedBefore && !loaded.equals(Loader.getPlatform() + requested);
    String waitPolicy = System.getenv("OMP_WAIT_POLICY");
    return new NativeConfig(mode, cpu, requested, loaded, oneDnn, helpers, threads, blasThreads,
        waitPolicy == null ? "default" : waitPolicy.toLowerCase(java.util.Locale.ROOT), tooEarly);
  }

  private static boolean oneDnnJarPresent() {
    return NativeSetup.class.getClassLoader().getResource(ONEDNN_RESOURCE) != null;
  }

  private static boolean nd4jLoaded() {
    return Loader.getLoadedLibraries().keySet().stream().anyMatch(k -> k.contains("nd4jcpu"));
  }

  /** The folder of the loaded libnd4jcpu.so, which names the build (e.g. {@code linux-x86_64-onednn}). */
  private static String loadedBuild() {
    for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
      String path = e.getValue();
      if (path != null && path.contains("libnd4jcpu")) {
        String dir = path.substring(0, path.lastIndexOf('/'));
        return dir.substring(dir.lastIndexOf('/') + 1);
      }
    }
    return "unknown";
  }

  private static int threads() {
    String v = System.getProperty(THREADS_PROPERTY, System.getenv("OMP_NUM_THREADS"));
    if (v == null || v.isBlank()) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(THREADS_PROPERTY + " (or OMP_NUM_THREADS) must be a positive integer, got '"
        + v + "'");
  }
}
