package io.lrsched.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;

class ResNetSpecTest {

  private static ResNetSpec spec(int[] stages, int[] filters, int size) {
    return new ResNetSpec(size, size, 3, 10, stages, filters, 1e-4, 5e-4, 5e-4, 2e-5, 0.9, CNN2DFormat.NCHW, 1,
        0.1, 0.9);
  }

  private static String messageOf(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void shouldRejectFiltersThatDoNotMatchStages() {
    String m = messageOf(() -> spec(new int[] {9, 9, 9}, new int[] {64, 64, 128}, 32));
    assertTrue(m.startsWith("filters must have stages.length + 1 = 4"), m);
  }

  @Test
  void shouldRejectBottleneckWidthNotDivisibleByFour() {
    String m = messageOf(() -> spec(new int[] {1, 1, 1}, new int[] {16, 16, 30, 64}, 32));
    assertTrue(m.startsWith("filters[2] = 30 must be divisible by 4"), m);
  }

  @Test
  void shouldRejectNonPositiveStagesAndAcceptAnyInputSize() {
    assertTrue(messageOf(() -> spec(new int[] {1, 0, 1}, new int[] {16, 16, 32, 64}, 32))
        .startsWith("stages must all be positive"));
    // The final pool covers whatever map is left: 28 -> 28 -> 14 -> 7 ("same" padding rounds up).
    assertEquals(7, spec(new int[] {1, 1, 1}, new int[] {16, 16, 32, 64}, 28).finalHeight());
    assertTrue(messageOf(() -> spec(new int[0], new int[] {16}, 32)).startsWith("stages must name at least one"));
  }

  @Test
  void shouldRejectOutOfRangeOptimizerAndNormValues() {
    assertTrue(messageOf(() -> new ResNetSpec(32, 32, 3, 10, new int[] {1}, new int[] {8, 8}, 1e-4, 5e-4, 5e-4,
        2e-5, 0.9, CNN2DFormat.NCHW, 1, 0.1, 1.0)).startsWith("momentum must be in [0, 1)"));
    assertTrue(messageOf(() -> new ResNetSpec(32, 32, 3, 10, new int[] {1}, new int[] {8, 8}, -1, 5e-4, 5e-4,
        2e-5, 0.9, CNN2DFormat.NCHW, 1, 0.1, 0.9)).startsWith("moduleL2 must be"));
    assertTrue(messageOf(() -> new ResNetSpec(32, 32, 3, 10, new int[] {1}, new int[] {8, 8}, 1e-4, 5e-4, 5e-4,
        0, 0.9, CNN2DFormat.NCHW, 1, 0.1, 0.9)).startsWith("bnEpsilon must be > 0"));
  }

  @Test
  void shouldBeImmutableAndCompareByValue() {
    int[] stages = {9, 9, 9};
    ResNetSpec a = spec(stages, new int[] {64, 64, 128, 256}, 32);
    stages[0] = 1;
    assertEquals(9, a.stages()[0], "constructor copies the array");
    a.stages()[1] = 5;
    assertEquals(9, a.stages()[1], "accessor returns a copy");
    assertEquals(TutorialSpec.of(CNN2DFormat.NCHW, 1), a);
    assertEquals(TutorialSpec.of(CNN2DFormat.NCHW, 1).hashCode(), a.hashCode());
    assertEquals(27, a.moduleCount());
    assertEquals(8, a.finalHeight());
    assertTrue(a.toString().contains("stages=[9, 9, 9]"), a.toString());
  }
}
