package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBinarySourceIT extends SparkITBase {
  private static final List<String> NAMES =
      List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");

  @TempDir static Path tmp;
  private static final List<LabeledImage> train = new ArrayList<>();
  private static List<LabeledImage> test;
  private static Path folder;
  private static Path archive;

  @BeforeAll
  static void writeData() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int b = 1; b <= 5; b++) {
      List<LabeledImage> batch = TestData.randomImages(b, 40, 10);
      train.addAll(batch);
      files.put("data_batch_" + b + ".bin", TestData.cifarBytes(batch));
    }
    test = TestData.randomImages(99, 60, 10);
    files.put("test_batch.bin", TestData.cifarBytes(test));
    files.put("batches.meta.txt", (String.join("\n", NAMES) + "\n\n").getBytes(StandardCharsets.UTF_8));
    folder = tmp.resolve("cifar-10-batches-bin");
    TestData.writeFolder(folder, files);
    // Unrelated content beside the batches must not disturb the listing.
    TestData.writeFolder(folder, Map.of("readme.html", new byte[] {1}, "notes/old.txt", new byte[] {2}));
    // Like the official archive: everything under one top-level folder, meta file among the batches.
    Map<String, byte[]> entries = new LinkedHashMap<>();
    files.forEach((name, bytes) -> entries.put("cifar-10-batches-bin/" + name, bytes));
    archive = tmp.resolve("cifar-10-binary.tar.gz");
    TestData.writeTarGz(archive, entries);
  }

  @Test
  void shouldLoadBothSplitsFromAFolder() {
    CifarBinarySource source = new CifarBinarySource(folder.toUri().toString(), 3);

    JavaRDD<LabeledImage> trainRdd = source.load(sc, Split.TRAIN);
    assertEquals(3, trainRdd.getNumPartitions());
    assertSameRecords(train, trainRdd.collect());
    assertSameRecords(test, source.load(sc, Split.TEST).collect());
    assertEquals(NAMES, source.classNames(sc));
  }

  @Test
  void shouldLoadBothSplitsFromTheTarGz() {
    CifarBinarySource source = new CifarBinarySource(archive.toString(), 4);

    JavaRDD<LabeledImage> trainRdd = source.load(sc, Split.TRAIN);
    assertEquals(4, trainRdd.getNumPartitions());
    assertSameRecords(train, trainRdd.collect());
    assertSameRecords(test, source.load(sc, Split.TEST).collect());
    assertEquals(NAMES, source.classNames(sc));
  }

  @Test
  void shouldFallBackToTheOfficialNamesWithoutMetaFile() throws Exception {
    Path bare = tmp.resolve("bare");
    Files.createDirectories(bare);
    Files.copy(folder.resolve("test_batch.bin"), bare.resolve("test_batch.bin"));

    CifarBinarySource source = new CifarBinarySource(bare.toString(), 2);

    assertEquals(CifarBinarySource.OFFICIAL_CLASS_NAMES, source.classNames(sc));
    assertEquals(test.size(), source.load(sc, Split.TEST).count());
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> source.load(sc, Split.TRAIN));
    assertTrue(missing.getMessage().contains("data_batch_1.bin"), missing.getMessage());
  }

  @Test
  void shouldNameTheTruncatedFileWhenLoadingFails() throws Exception {
    Path broken = tmp.resolve("broken");
    Files.createDirectories(broken);
    byte[] bytes = Files.readAllBytes(folder.resolve("test_batch.bin"));
    Files.write(broken.resolve("test_batch.bin"), java.util.Arrays.copyOf(bytes, bytes.length - 7));

    Exception e = assertThrows(
        Exception.class, () -> new CifarBinarySource(broken.toString(), 2).load(sc, Split.TEST).count());
    assertTrue(rootMessage(e).contains("test_batch.bin") && rootMessage(e).contains("truncated"), rootMessage(e));
  }

  @Test
  void shouldRejectAMissingPathWithOneClearLine() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class,
        () -> new CifarBinarySource(tmp.resolve("nowhere").toString(), 2).load(sc, Split.TEST));
    assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
  }

  static void assertSameRecords(List<LabeledImage> expected, List<LabeledImage> actual) {
    assertEquals(expected.size(), actual.size());
    assertEquals(new HashSet<>(expected), new HashSet<>(actual));
  }

  static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(" | ");
    }
    return all.toString();
  }
}
