package io.lrsched.model;

import io.lrsched.nativeops.NativeSetup;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;

/**
 * The switch for this package's faster layer implementations ({@link FastBatchNormLayer},
 * {@link FastConvolutionLayer}). They compute what DL4J's layers compute, with fewer
 * passes over memory; they engage only where DL4J's oneDNN helpers do, so the reference configuration (plain native
 * build, helpers off) stays DL4J's own code end to end and can check them.
 */
public final class FastLayers {

  /** System property; {@code false} makes every layer created afterwards use DL4J's code (for A/B measurements). */
  public static final String ENABLED_PROPERTY = "lrsched.fast-layers";

  private FastLayers() {}

  /** @return whether layers created now in this JVM take their fast paths */
  public static boolean enabled() {
    boolean helpersOn = !Boolean.parseBoolean(System.getProperty(NativeSetup.HELPERS_DISABLE_PROPERTY, "true"));
    boolean wanted = Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"));
    return wanted && helpersOn && BaseMKLDNNHelper.mklDnnEnabled();
  }
}
