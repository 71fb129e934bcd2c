package io.lrsched.nativeops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lrsched.model.ResNet;
import io.lrsched.model.ResNetSpec;
import io.lrsched.model.TutorialSpec;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

class NativeSetupTest {

  private static final ResNetSpec TINY = TutorialSpec.of(CNN2DFormat.NCHW, 3)
      .withArchitecture(new int[] {1, 1, 1}, new int[] {16, 16, 32, 64});

  @Test
  void shouldInstallFastPathWithHelpersOnceAndEngageThem() {
    assumeTrue(System.getProperty(NativeSetup.MODE_PROPERTY) == null && System.getenv(NativeSetup.MODE_ENV) == null,
        "the build JVM was given an explicit native mode");
    assumeTrue(CpuFeatures.detect().avx2(), "oneDNN build is only chosen on AVX2 CPUs");
    NativeConfig config = NativeSetup.configure();
    assertSame(config, NativeSetup.configure(), "configure() is idempotent");
    assertEquals(NativeMode.FAST, config.mode());
    assertTrue(config.oneDnn(), config.toString());
    assertTrue(config.helpersEnabled());
    assertEquals(1, config.blasThreads(), "OpenBLAS must not compete with oneDNN's OpenMP threads");
    assertFalse(config.loadedTooEarly(), config.toString());

    // Without the org.nd4j.nativeblas.Nd4jCpu shim DL4J would create the helpers and then drop them.
    ComputationGraph graph = ResNet.init(TINY);
    HelperUsage usage = HelperUsage.of(graph);
    assertTrue(usage.all(), usage.toString());
  }

  @Test
  void shouldBuildWithoutHelpersWhenDl4jPropertyDisablesThem() {
    NativeSetup.configure();
    String before = System.getProperty(NativeSetup.HELPERS_DISABLE_PROPERTY);
    try {
      // The property is read per layer creation, so it can be flipped between networks in one JVM.
      System.setProperty(NativeSetup.HELPERS_DISABLE_PROPERTY, "true");
      assertTrue(HelperUsage.of(ResNet.init(TINY)).none());
    } finally {
      System.setProperty(NativeSetup.HELPERS_DISABLE_PROPERTY, before);
    }
  }
}
