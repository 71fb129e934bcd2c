package io.lrsched.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;

class FlopCountTest {

  @Test
  void shouldCountAbout132Point6MillionMacsForTheTutorialModel() {
    FlopCount f = FlopCount.of(ResNetSpec.tutorial(CNN2DFormat.NCHW, 1));
    assertEquals(132.6e6, f.forwardMacs(), 0.01 * 132.6e6, f.toString());
    assertEquals(2560, f.denseMacs());
    assertEquals(3 * 2 * f.forwardMacs(), f.trainingFlopsPerImage(), 0.0);
  }

  @Test
  void shouldNotDependOnDataFormatAndGrowWithDepth() {
    ResNetSpec nchw = ResNetSpec.tutorial(CNN2DFormat.NCHW, 1);
    assertEquals(FlopCount.of(nchw), FlopCount.of(nchw.withDataFormat(CNN2DFormat.NHWC)));
    // Stem conv alone: 32*32*64 outputs * 3*3*3 MACs each.
    ResNetSpec oneModule = nchw.withArchitecture(new int[] {1}, new int[] {64, 64});
    long stem = 32L * 32 * 64 * 27;
    long module = 32L * 32 * (16 * 64 + 16 * 9 * 16 + 64 * 16 + 64 * 64);
    long dense = 64L * 10; // global average pooling leaves 1x1x64 of a 32x32 single-stage net
    assertEquals(stem + module + dense, FlopCount.of(oneModule).forwardMacs());
  }
}
