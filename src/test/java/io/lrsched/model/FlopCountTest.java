package io.lrsched.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;

class FlopCountTest {

  /**
   * The tutorial's model counted by hand from its Keras definition (pyimagesearch's ResNet.residual_module: 1x1 to
   * K/4, 3x3 K/4 with the stage's stride, 1x1 to K, and a strided 1x1 shortcut in each stage's first module):
   * <pre>
   * stem 3x3, 3 -> 64 at 32x32                        1,769,472
   * stage 1 (K 64, 32x32): first 8,650,752 + 8 x 4,456,448   44,302,336
   * stage 2 (K 128, 16x16): first 7,602,176 + 8 x 4,456,448  43,253,760
   * stage 3 (K 256, 8x8):   first 7,602,176 + 8 x 4,456,448  43,253,760
   * dense 256 -> 10                                       2,560
   * total                                           132,581,888
   * </pre>
   * e.g. stage 2's first module: 1x1 64->32 at 32x32 (2,097,152), 3x3 32->32 at 16x16 (2,359,296), 1x1 32->128 at
   * 16x16 (1,048,576), shortcut 64->128 at 16x16 (2,097,152).
   */
  @Test
  void shouldCountTheTutorialModelsMultiplyAddsAsCountedByHand() {
    FlopCount f = FlopCount.of(TutorialSpec.of(CNN2DFormat.NCHW, 1));
    assertEquals(132_579_328L, f.convMacs(), f.toString());
    assertEquals(2560, f.denseMacs());
    assertEquals(132_581_888L, f.forwardMacs());
    // forward, gradient w.r.t. inputs and w.r.t. weights: 3 passes of 2 FLOPs per multiply-add
    assertEquals(795_491_328.0, f.trainingFlopsPerImage(), 0.0);
  }

  @Test
  void shouldNotDependOnDataFormatAndGrowWithDepth() {
    ResNetSpec nchw = TutorialSpec.of(CNN2DFormat.NCHW, 1);
    assertEquals(FlopCount.of(nchw), FlopCount.of(nchw.withDataFormat(CNN2DFormat.NHWC)));
    // Stem conv alone: 32*32*64 outputs * 3*3*3 MACs each.
    ResNetSpec oneModule = nchw.withArchitecture(new int[] {1}, new int[] {64, 64});
    long stem = 32L * 32 * 64 * 27;
    long module = 32L * 32 * (16 * 64 + 16 * 9 * 16 + 64 * 16 + 64 * 64);
    long dense = 64L * 10; // global average pooling leaves 1x1x64 of a 32x32 single-stage net
    assertEquals(stem + module + dense, FlopCount.of(oneModule).forwardMacs());
  }
}
