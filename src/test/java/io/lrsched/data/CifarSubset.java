package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.spark.sql.SparkSession;

/**
 * A seeded subset of the real CIFAR-10 (the JPEG image-folder copy in ../shared/data) for tests that need real images
 * in small numbers, as an image folder and as the table a Spark user makes of it with {@code binaryFile}.
 */
public final class CifarSubset {
  private CifarSubset() {}

  /**
   * The archive, or a skipped test when this machine lacks it (in CI its absence fails the test).
   *
   * @param test the test's name, for the message
   */
  public static Path archiveOrSkip(String test) {
    Path archive = Cifar10JpegIT.locate().toAbsolutePath().normalize();
    String missing = "real CIFAR-10 not found at " + archive + " (set -D" + Cifar10JpegIT.LOCATION_KEY
        + "=... or env " + Cifar10JpegIT.LOCATION_KEY + ")";
    if (!Files.isRegularFile(archive)) {
      // CI always has ../shared/data: there its absence is a broken setup, not a reason to skip the real-data test.
      assertFalse("true".equalsIgnoreCase(System.getenv("CI")), missing + " in CI");
      System.err.println("[SKIPPED] " + test + ": " + missing + "; this developer machine lacks the data");
      assumeTrue(false, missing);
    }
    return archive;
  }

  /**
   * Extracts a seeded random choice of images into {@code root/train/<class>/} and {@code root/test/<class>/}.
   *
   * @param perClassTrain training images per class
   * @param perClassTest test images per class
   */
  public static void extract(Path archive, Path root, int perClassTrain, int perClassTest, long seed)
      throws IOException {
    Random rnd = new Random(seed);
    Map<String, Integer> taken = new HashMap<>();
    try (InputStream raw = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw, 1 << 16))) {
      for (TarArchiveEntry e = tar.getNextTarEntry(); e != null; e = tar.getNextTarEntry()) {
        String[] parts = e.getName().split("/"); // cifar10-jpeg/<split>/<class>/<file>.jpg
        // About one image in twenty is a candidate, so the subset is spread over each class's files.
        if (!e.isFile() || parts.length != 4 || rnd.nextInt(20) != 0) {
          continue;
        }
        String folder = parts[1] + "/" + parts[2];
        int quota = parts[1].equals("train") ? perClassTrain : perClassTest;
        if (taken.merge(folder, 1, Integer::sum) <= quota) {
          Path file = root.resolve(folder).resolve(parts[3]);
          Files.createDirectories(file.getParent());
          Files.write(file, tar.readAllBytes());
        }
      }
    }
  }

  /**
   * Writes the image folder as one Parquet table at {@code location}, named {@code name} in the session's catalog,
   * with the README's Spark SQL: {@code binaryFile}'s path and content, the class folder as a string label, the
   * split folder as the split column.
   */
  public static void writeBinaryFileTable(SparkSession spark, Path folder, Path location, String name) {
    spark.sql("CREATE TABLE " + name + " USING parquet LOCATION '" + location.toUri() + "' AS\n"
        + "SELECT path, content,\n"
        + "       regexp_extract(path, '/([^/]+)/[^/]+$', 1)            AS label,   -- the class folder\n"
        + "       regexp_extract(path, '/(train|test)/[^/]+/[^/]+$', 1) AS split\n"
        + "FROM binaryFile.`" + folder.toAbsolutePath() + "/{train,test}/*`");
  }
}
