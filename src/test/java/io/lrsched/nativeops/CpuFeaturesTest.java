package io.lrsched.nativeops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuFeaturesTest {

  @Test
  void shouldDetectAvx512FromCpuinfoFlags() {
    CpuFeatures f = CpuFeatures.parse("processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Processor\n"
        + "flags\t\t: fpu sse4_2 avx fma avx2 avx512f avx512dq avx512bw avx512vl\n\nprocessor\t: 1\n");
    assertTrue(f.avx2());
    assertTrue(f.avx512());
    assertEquals("avx512", f.isaLabel());
    assertEquals("Intel(R) Xeon(R) Processor", f.modelName());
  }

  @Test
  void shouldNotClaimAvx512WithoutBwAndVl() {
    CpuFeatures f = CpuFeatures.parse("flags : sse4_2 avx fma avx2 avx512f\n");
    assertTrue(f.avx2());
    assertFalse(f.avx512(), "avx512f alone (e.g. Knights Landing) lacks what oneDNN's avx512_core needs");
    assertEquals("avx2", f.isaLabel());
  }

  @Test
  void shouldFallBackToBaselineWithoutFlags() {
    CpuFeatures f = CpuFeatures.parse("model name : something\n");
    assertFalse(f.avx2());
    assertEquals("baseline", f.isaLabel());
  }

  @Test
  void shouldParseModesAndRejectOthersInOneLine() {
    assertEquals(NativeMode.FAST, NativeMode.parse(" Fast "));
    assertEquals(NativeMode.REFERENCE, NativeMode.parse("reference"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativeMode.parse("turbo"));
    assertEquals("lrsched.native.mode must be 'fast' or 'reference', got 'turbo'", e.getMessage());
  }
}
