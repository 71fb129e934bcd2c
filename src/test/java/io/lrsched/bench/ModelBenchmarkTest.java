package io.lrsched.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.model.ResNetSpec;
import io.lrsched.model.TutorialSpec;
import io.lrsched.nativeops.NativeSetup;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelBenchmarkTest {

  private static final ResNetSpec TINY = TutorialSpec.of(CNN2DFormat.NCHW, 1)
      .withArchitecture(new int[] {1, 1, 1}, new int[] {16, 16, 32, 64});

  @BeforeAll
  static void installNatives() {
    NativeSetup.configure(); // as the entry point does before `bench`
  }

  @Test
  void shouldMeasureATinyNetworkAndReportEveryFigure() {
    BenchResult r = ModelBenchmark.run(new BenchOptions(TINY, 4, 1, 1, 100, WorkspaceMode.ENABLED));
    assertTrue(r.trainImagesPerSecond() > 0 && r.inferenceImagesPerSecond() > 0, r.toString());
    assertTrue(r.peakRssBytes() > 0, "VmHWM read from /proc/self/status");
    // TINY's forward multiply-adds by hand (stem, three one-module stages, dense), see FlopCountTest for the layout:
    // 442,368 + 540,672 + 475,136 + 475,136 + 640 = 1,933,952; a training step is 3 passes of 2 FLOPs per MAC.
    double flopsPerStep = 4 * 6 * 1_933_952.0;
    assertEquals(flopsPerStep / (r.trainStepMs() / 1000) / 1e9, r.trainGflops(), 1e-9);
    String text = r.toString();
    assertTrue(text.contains("% of 100"), text);
    assertTrue(text.contains("step split: forward"), text);
    assertTrue(text.contains("conv 13/13") || text.contains("conv 0/13"), text);
  }

  @Test
  void shouldRejectNonPositiveCounts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BenchOptions(TINY, 0, 1, 1, Double.NaN, WorkspaceMode.ENABLED));
    assertEquals("batch size must be > 0, got 0", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new BenchOptions(TINY, 8, 1, 0, Double.NaN, WorkspaceMode.ENABLED));
    assertThrows(IllegalArgumentException.class,
        () -> new BenchOptions(TINY, 8, 1, 1, -5, WorkspaceMode.ENABLED));
  }
}
