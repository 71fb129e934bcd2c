package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderSourceIT extends SparkITBase {
  private static final List<String> CLASSES = List.of("ant", "bee", "cow");

  @TempDir static Path tmp;
  /** PNG images, which must come back bit-exact, per split. */
  private static final Map<Split, List<LabeledImage>> pngs = new LinkedHashMap<>();
  /** How many JPEGs (lossy: checked by label only) were written per split and class. */
  private static final int JPEGS_PER_CLASS = 1;
  private static final Map<String, byte[]> files = new LinkedHashMap<>();

  @BeforeAll
  static void writeImages() throws Exception {
    Random rnd = new Random(5);
    for (Split split : Split.values()) {
      int perClass = split == Split.TRAIN ? 4 : 2;
      List<LabeledImage> written = new ArrayList<>();
      for (int label = 0; label < CLASSES.size(); label++) {
        String dir = split.folderName() + "/" + CLASSES.get(label) + "/";
        for (int i = 0; i < perClass; i++) {
          byte[] pixels = TestData.randomImage(rnd, 1).pixels();
          LabeledImage image = new LabeledImage(label, pixels);
          written.add(image);
          files.put(dir + i + ".png", TestData.encode(TestData.toBufferedImage(image), "png"));
        }
        BufferedImage photo = TestData.toBufferedImage(TestData.randomImage(rnd, 1));
        files.put(dir + "photo.JPG", TestData.encode(photo, "jpg"));
        // What operating systems leave beside images: ignored wherever they are.
        files.put(dir + ".DS_Store", new byte[] {1});
        files.put(dir + "Thumbs.db", new byte[] {2});
      }
      pngs.put(split, written);
    }
  }

  @Test
  void shouldLoadAFolderWithSortedClassNamesAsLabels() throws Exception {
    Path root = tmp.resolve("folder");
    TestData.writeFolder(root, files);

    checkSource(new ImageFolderSource(root.toUri().toString(), 3));
  }

  @Test
  void shouldLoadATarGzWithOneTopLevelFolder() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    files.forEach((name, bytes) -> entries.put("./animals/" + name, bytes));
    entries.put("animals/._stray.png", new byte[] {0}); // macOS resource fork: must be skipped
    Path archive = tmp.resolve("animals.tgz");
    TestData.writeTarGz(archive, entries);

    checkSource(new ImageFolderSource(archive.toString(), 2));
  }

  private static void checkSource(ImageSource source) {
    assertEquals(CLASSES, source.classNames(sc));
    for (Split split : Split.values()) {
      JavaRDD<LabeledImage> rdd = source.load(sc, split);
      List<LabeledImage> loaded = rdd.collect();
      List<LabeledImage> expectedPngs = pngs.get(split);
      assertEquals(expectedPngs.size() + CLASSES.size() * JPEGS_PER_CLASS, loaded.size(), split + " count");
      assertTrue(loaded.containsAll(expectedPngs), split + ": PNG pixels or labels differ");
      for (int label = 0; label < CLASSES.size(); label++) {
        int l = label;
        long perClass = loaded.stream().filter(x -> x.label() == l).count();
        assertEquals(expectedPngs.size() / CLASSES.size() + JPEGS_PER_CLASS, perClass, split + " class " + l);
      }
    }
  }

  @Test
  void shouldNameANonImageFileOrSkipIt() throws Exception {
    Map<String, byte[]> withNotes = new LinkedHashMap<>(files);
    withNotes.put("train/bee/notes.txt", new byte[] {1});
    Path root = tmp.resolve("notes");
    TestData.writeFolder(root, withNotes);

    BadInputException e = assertThrows(
        BadInputException.class, () -> new ImageFolderSource(root.toString(), 2).classNames(sc));
    assertTrue(e.getMessage().contains("train/bee/notes.txt: not an image"), e.getMessage());

    ImageFolderSource skipping = new ImageFolderSource(root.toString(), 2, ImageFit.cifar(), true);
    assertEquals(CLASSES, skipping.classNames(sc));
    assertEquals(1, skipping.skippedAtListing().size());
    assertTrue(skipping.skippedAtListing().get(0).contains("notes.txt"), skipping.skippedAtListing().toString());
  }

  @Test
  void shouldNameAnEmptyClassFolderInAFolderAndInAnArchive() throws Exception {
    Path root = tmp.resolve("empty-class");
    TestData.writeFolder(root, files);
    java.nio.file.Files.createDirectories(root.resolve("test/emu"));
    BadInputException e = assertThrows(
        BadInputException.class, () -> new ImageFolderSource(root.toString(), 2).classNames(sc));
    assertTrue(e.getMessage().contains("test/emu: empty class folder"), e.getMessage());

    Map<String, byte[]> entries = new LinkedHashMap<>();
    files.forEach((name, bytes) -> entries.put("top/" + name, bytes));
    entries.put("top/train/emu/", new byte[0]);
    Path archive = tmp.resolve("empty-class.tar.gz");
    TestData.writeTarGz(archive, entries);
    BadInputException inArchive = assertThrows(
        BadInputException.class, () -> new ImageFolderSource(archive.toString(), 2).classNames(sc));
    assertTrue(inArchive.getMessage().contains("train/emu: empty class folder"), inArchive.getMessage());
  }

  @Test
  void shouldReadUndecodableImagesAsBadRecordsNamingTheFile() throws Exception {
    Map<String, byte[]> broken = new LinkedHashMap<>(files);
    broken.put("train/cow/broken.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    Path root = tmp.resolve("broken");
    TestData.writeFolder(root, broken);

    List<Decoded> read = new ImageFolderSource(root.toString(), 2, ImageFit.cifar(), true).read(sc, Split.TRAIN)
        .collect();
    List<String> problems = read.stream().filter(Decoded::isBad).map(Decoded::problem).toList();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("train/cow/broken.png: cannot decode image"), problems.get(0));
    assertEquals(pngs.get(Split.TRAIN).size() + CLASSES.size(), read.size() - 1);
  }

  @Test
  void shouldRejectSplitsWithDifferentClasses() throws Exception {
    Map<String, byte[]> uneven = new LinkedHashMap<>(files);
    uneven.put("train/dog/0.png", files.get("train/ant/0.png"));
    Path root = tmp.resolve("uneven");
    TestData.writeFolder(root, uneven);

    BadInputException e = assertThrows(
        BadInputException.class, () -> new ImageFolderSource(root.toString(), 2).load(sc, Split.TRAIN));
    assertTrue(e.getMessage().contains("dog"), e.getMessage());
  }

  @Test
  void shouldNameAnImageOfTheWrongSize() throws Exception {
    Map<String, byte[]> odd = new LinkedHashMap<>(files);
    odd.put("test/cow/huge.png", TestData.encode(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), "png"));
    Path root = tmp.resolve("odd");
    TestData.writeFolder(root, odd);

    Exception e = assertThrows(
        Exception.class, () -> new ImageFolderSource(root.toString(), 2).load(sc, Split.TEST).count());
    String message = CifarBinarySourceIT.rootMessage(e);
    assertTrue(message.contains("huge.png") && message.contains("40x40"), message);
  }
}
