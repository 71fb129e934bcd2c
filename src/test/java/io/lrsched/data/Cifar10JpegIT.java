package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real CIFAR-10 (JPEG image-folder copy, see shared/data/README.md): only real data shows that all 60,000
 * images decode, land in the official class order and load in reasonable time. Skipped when the archive is absent.
 */
@Tag("slow")
class Cifar10JpegIT extends SparkITBase {

  /** System property or environment variable naming the archive; else ../shared/data from the project root. */
  static final String LOCATION_KEY = "LRSCHED_CIFAR10";

  static Path locate() {
    String configured = System.getProperty(LOCATION_KEY, System.getenv(LOCATION_KEY));
    return configured != null && !configured.isBlank()
        ? Paths.get(configured)
        : Paths.get("..", "shared", "data", "cifar10-jpeg.tar.gz");
  }

  @Test
  void shouldLoadAllSixtyThousandImagesInTheOfficialClassOrder() {
    Path archive = CifarSubset.archiveOrSkip("Cifar10JpegIT");

    long start = System.nanoTime();
    ImageFolderSource source = new ImageFolderSource(archive.toString(), 4);
    assertEquals(CifarBinarySource.OFFICIAL_CLASS_NAMES, source.classNames(sc));
    long listed = System.nanoTime();
    long[] train = countsAndPixelSum(source.load(sc, Split.TRAIN));
    long trained = System.nanoTime();
    long[] test = countsAndPixelSum(source.load(sc, Split.TEST));
    long end = System.nanoTime();

    long[] fiveThousand = new long[10];
    java.util.Arrays.fill(fiveThousand, 5000);
    long[] oneThousand = new long[10];
    java.util.Arrays.fill(oneThousand, 1000);
    assertArrayEquals(fiveThousand, java.util.Arrays.copyOf(train, 10));
    assertArrayEquals(oneThousand, java.util.Arrays.copyOf(test, 10));
    // CIFAR-10's mean pixel is about 0.47 of full scale; a channel or decoding mix-up would move it far.
    double mean = train[10] / (50_000.0 * LabeledImage.CIFAR_BYTES * 255.0);
    assertTrue(mean > 0.42 && mean < 0.52, "mean train pixel " + mean);
    System.out.printf(
        "[Cifar10JpegIT] class listing %.1fs, train 50,000 load+decode %.1fs, test 10,000 %.1fs, total %.1fs%n",
        (listed - start) / 1e9, (trained - listed) / 1e9, (end - trained) / 1e9, (end - start) / 1e9);
  }

  /** One pass: images per label (first 10 slots) and the sum of all pixel values (slot 10). */
  private static long[] countsAndPixelSum(JavaRDD<LabeledImage> images) {
    return images
        .mapPartitions(it -> {
          long[] acc = new long[11];
          it.forEachRemaining(image -> {
            acc[image.label()]++;
            for (byte b : image.rawPixels()) {
              acc[10] += b & 0xFF;
            }
          });
          return Collections.singletonList(acc).iterator();
        })
        .reduce((a, b) -> {
          long[] sum = new long[11];
          for (int i = 0; i < sum.length; i++) {
            sum[i] = a[i] + b[i];
          }
          return sum;
        });
  }
}
