package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spark-free parts of the sources: the factory, metadata parsing, quotas and the synthetic generator. */
class SourcesTest {

  @Test
  void shouldCreateEachKind() {
    assertInstanceOf(CifarBinarySource.class, ImageSources.create("cifar-binary", "/d", 4, 1, 0, 0, 10, ImageFit.cifar(), false, null));
    assertInstanceOf(ImageFolderSource.class, ImageSources.create("image-folder", "/d.tar.gz", 0, 1, 0, 0, 10, ImageFit.cifar(), false, null));
    ImageSource synthetic = ImageSources.create("synthetic", null, 2, 5, 100, 20, 10, ImageFit.cifar(), false, null);
    assertInstanceOf(SyntheticSource.class, synthetic);
    assertTrue(synthetic.describe().contains("train=100") && synthetic.describe().contains("seed=5"));
  }

  @Test
  void shouldRejectAnUnknownKindOrMissingPathNamingIt() {
    IllegalArgumentException kind = assertThrows(
        IllegalArgumentException.class, () -> ImageSources.create("mnist", "/d", 1, 1, 1, 1, 10, ImageFit.cifar(), false, null));
    assertTrue(kind.getMessage().contains("'mnist'") && kind.getMessage().contains("cifar-binary"));
    IllegalArgumentException path = assertThrows(
        IllegalArgumentException.class, () -> ImageSources.create("image-folder", " ", 1, 1, 1, 1, 10, ImageFit.cifar(), false, null));
    assertTrue(path.getMessage().contains("image-folder"), path.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ImageSources.create("synthetic", null, 1, 1, 0, 10, 10, ImageFit.cifar(), false, null));
    assertThrows(IllegalArgumentException.class, () -> ImageSources.create("cifar-binary", "/d", -1, 1, 0, 0, 10, ImageFit.cifar(), false, null));
  }

  @Test
  void shouldParseBatchesMetaIgnoringBlankLines() {
    String text = String.join("\n", CifarBinarySource.OFFICIAL_CLASS_NAMES) + "\n\n";
    assertEquals(CifarBinarySource.OFFICIAL_CLASS_NAMES, CifarBinarySource.parseMeta(text, "m"));
    assertThrows(IllegalArgumentException.class, () -> CifarBinarySource.parseMeta("a\nb\n", "m"));
  }

  @Test
  void shouldGenerateTheSameSyntheticImageForTheSameSeedAndIndex() {
    LabeledImage a = SyntheticSource.image(3, Split.TRAIN, 10, 32, 17);
    assertEquals(a, SyntheticSource.image(3, Split.TRAIN, 10, 32, 17));
    assertEquals(7, a.label());
    assertNotEquals(a, SyntheticSource.image(4, Split.TRAIN, 10, 32, 17));
    assertNotEquals(a, SyntheticSource.image(3, Split.TEST, 10, 32, 17));
  }

  @Test
  void shouldMakeSyntheticClassesSeparableByTheirPrototypes() {
    // Nearest class mean on raw pixels must beat chance by far, or the set is useless for smoke runs.
    int classes = 10;
    int perClass = 20;
    double[][] means = new double[classes][LabeledImage.CIFAR_BYTES];
    for (int i = 0; i < classes * perClass; i++) {
      LabeledImage img = SyntheticSource.image(1, Split.TRAIN, classes, 32, i);
      byte[] p = img.pixels();
      for (int k = 0; k < p.length; k++) {
        means[img.label()][k] += (p[k] & 0xFF) / (double) perClass;
      }
    }
    int correct = 0;
    int n = 200;
    for (int i = 0; i < n; i++) {
      LabeledImage img = SyntheticSource.image(1, Split.TEST, classes, 32, i);
      byte[] p = img.pixels();
      int best = -1;
      double bestDist = Double.MAX_VALUE;
      for (int c = 0; c < classes; c++) {
        double d = 0;
        for (int k = 0; k < p.length; k++) {
          double diff = (p[k] & 0xFF) - means[c][k];
          d += diff * diff;
        }
        if (d < bestDist) {
          bestDist = d;
          best = c;
        }
      }
      correct += best == img.label() ? 1 : 0;
    }
    assertTrue(correct > n / 2, "nearest-mean accuracy " + correct + "/" + n);
    assertEquals(List.of("class-0", "class-1"), new SyntheticSource(1, 1, 2, 0, 1).classNames(null));
  }
}
