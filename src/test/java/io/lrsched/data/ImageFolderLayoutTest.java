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
        Optional.of(new ImageFolderLayout.Entry(Split.TRAIN, "cat")),
        ImageFolderLayout.parse("train/cat/0001.jpg", 1));
    assertEquals(
        Optional.of(new ImageFolderLayout.Entry(Split.TEST, "ship")),
        ImageFolderLayout.parse("./cifar10-jpeg/test/ship/12.PNG", 1));
    assertEquals(Optional.empty(), ImageFolderLayout.parse("a/b/train/cat/1.jpg", 1));
    assertEquals(Optional.empty(), ImageFolderLayout.parse("train/cat/notes.txt", 1));
    assertEquals(Optional.empty(), ImageFolderLayout.parse("valid/cat/1.jpg", 1));
  }

  @Test
  void shouldAcceptAnyDepthForFolderUris() {
    assertEquals(
        Optional.of(new ImageFolderLayout.Entry(Split.TRAIN, "dog")),
        ImageFolderLayout.parse("hdfs://nn:8020/data/a/b/train/dog/x.jpeg", -1));
  }

  @Test
  void shouldRequireTheSameClassesInBothSplits() {
    assertEquals(
        List.of("a", "b"), ImageFolderSource.checkSameClasses(List.of("train/b", "test/a", "train/a", "test/b"), "p"));
    IllegalArgumentException differ = assertThrows(
        IllegalArgumentException.class,
        () -> ImageFolderSource.checkSameClasses(List.of("train/a", "train/b", "test/a"), "p"));
    assertTrue(differ.getMessage().contains("[a, b]") && differ.getMessage().contains("[a]"), differ.getMessage());
    IllegalArgumentException noTest = assertThrows(
        IllegalArgumentException.class, () -> ImageFolderSource.checkSameClasses(List.of("train/a"), "p"));
    assertTrue(noTest.getMessage().contains("test"), noTest.getMessage());
  }
}
