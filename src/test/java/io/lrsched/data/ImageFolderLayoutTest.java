package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageFolderLayoutTest {

  @Test
  void shouldReadSplitAndClassFromArchiveNamesWithOneOptionalTopFolder() {
    assertEquals(
        Optional.of(new ImageFolderLayout.Entry(Split.TRAIN, "cat", "0001.jpg")),
        ImageFolderLayout.parse("train/cat/0001.jpg", 1));
    assertEquals(
        Optional.of(new ImageFolderLayout.Entry(Split.TEST, "ship", "12.PNG")),
        ImageFolderLayout.parse("./cifar10-jpeg/test/ship/12.PNG", 1));
    assertEquals(Optional.empty(), ImageFolderLayout.parse("a/b/train/cat/1.jpg", 1));
    // A non-image file is still at the class level (it is reported as bad); system files are not.
    assertEquals(false, ImageFolderLayout.parse("train/cat/notes.txt", 1).orElseThrow().isImage());
    assertEquals(Optional.empty(), ImageFolderLayout.parse("train/cat/Thumbs.db", 1));
    assertEquals(Optional.empty(), ImageFolderLayout.parse("train/cat/.DS_Store", 1));
    assertEquals(Optional.empty(), ImageFolderLayout.parse("__MACOSX/train/cat/._1.jpg", 1));
    assertEquals(Optional.empty(), ImageFolderLayout.parse("train/.ipynb_checkpoints/1.jpg", 1));
    assertEquals(
        Optional.of(new ImageFolderLayout.Entry(Split.TRAIN, "cat", "")), ImageFolderLayout.parse("train/cat/", 1));
    assertEquals(Optional.empty(), ImageFolderLayout.parse("valid/cat/1.jpg", 1));
  }

  @Test
  void shouldAcceptAnyDepthForFolderUris() {
    assertEquals(
        Optional.of(new ImageFolderLayout.Entry(Split.TRAIN, "dog", "x.jpeg")),
        ImageFolderLayout.parse("hdfs://nn:8020/data/a/b/train/dog/x.jpeg", -1));
  }

  @Test
  void shouldRequireTheSameClassesInBothSplits() {
    assertEquals(
        List.of("a", "b"), ImageFolderSource.checkSameClasses(List.of("train/b", "test/a", "train/a", "test/b"), "p"));
    BadInputException differ = assertThrows(
        BadInputException.class,
        () -> ImageFolderSource.checkSameClasses(List.of("train/a", "train/b", "test/a"), "p"));
    assertTrue(differ.getMessage().contains("only in train: [b]"), differ.getMessage());
    IllegalArgumentException noTest = assertThrows(
        IllegalArgumentException.class, () -> ImageFolderSource.checkSameClasses(List.of("train/a"), "p"));
    assertTrue(noTest.getMessage().contains("test"), noTest.getMessage());
  }
}
