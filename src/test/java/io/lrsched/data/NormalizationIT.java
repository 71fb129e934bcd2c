package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-channel statistics measured on Spark, against a tiny set computed by hand. */
class NormalizationIT extends SparkITBase {

  private static LabeledImage image(int[] r, int[] g, int[] b) {
    byte[] p = new byte[12];
    for (int i = 0; i < 4; i++) {
      p[i] = (byte) r[i];
      p[4 + i] = (byte) g[i];
      p[8 + i] = (byte) b[i];
    }
    return new LabeledImage(0, p);
  }

  @Test
  void shouldMeasureMeanAndPopulationStdPerChannelInUnitScale() {
    // Two 2x2 images. In [0, 1] units:
    // R: 0 0 0 0 | 1 1 1 1          -> mean 0.5,  std 0.5
    // G: 0 .2 .4 .6 | 0 0 0 0       -> mean 0.15, E[v^2] = 0.56 / 8 = 0.07, std = sqrt(0.07 - 0.0225) = 0.217945
    // B: 1 1 0 0 | 1 1 1 1          -> mean 0.75, std = sqrt(0.75 - 0.5625) = 0.433013
    List<LabeledImage> images = List.of(
        image(new int[] {0, 0, 0, 0}, new int[] {0, 51, 102, 153}, new int[] {255, 255, 0, 0}),
        image(new int[] {255, 255, 255, 255}, new int[] {0, 0, 0, 0}, new int[] {255, 255, 255, 255}));
    Normalization n = Normalization.measure(sc.parallelize(images, 2));

    assertEquals(Normalization.STANDARDIZE, n.kind());
    assertArrayEquals(new double[] {0.5, 0.15, 0.75}, n.mean(), 1e-12);
    assertArrayEquals(new double[] {0.5, 0.2179449472, 0.4330127019}, n.std(), 1e-9);
    // A pixel at the mean maps to 0, one std above it to 1.
    assertEquals(1f, n.apply(0, (byte) 255), 1e-6);
    assertEquals(-1f, n.apply(0, (byte) 0), 1e-6);
  }
}
