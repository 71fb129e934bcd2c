package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input through the real command line, in its own JVM started as submit/local.sh starts it: the
 * user sees one line on stderr naming the file and the problem, the exit code is 1, no run folder is left behind,
 * and the details go to the log file. Some problems are found by the driver's listing, others by a task on an
 * executor (an undecodable image, a truncated CIFAR record).
 */
class BadInputCliIT {
  private static final List<String> CLASSES = List.of("a", "b", "c");

  @TempDir Path tmp;

  private Path folder(String name) throws IOException {
    Path root = tmp.resolve(name);
    ImageSets.write(root, CLASSES, 3, 2, 32, BufferedImage.TYPE_INT_RGB);
    return root;
  }

  /** Trains on the data, expects the one-line failure, and returns the line. */
  private String failure(String source, Path data, String... problem) throws Exception {
    Path runs = tmp.resolve("runs");
    Path work = Files.createDirectories(tmp.resolve("work-" + data.getFileName()));
    LocalRun.Result r = LocalRun.run(work, List.of("train", "conf/smoke.conf",
        "--set", "data.source=" + source,
        "--set", "data.path=\"" + data + "\"",
        "--set", "output.dir=\"" + runs + "\""));
    assertEquals(1, r.exit(), "exit code; stderr:\n" + r.stderr());
    List<String> lines = r.stderr().strip().lines().toList();
    assertEquals(1, lines.size(), "stderr is one line:\n" + r.stderr());
    String line = lines.get(0);
    assertTrue(line.startsWith("lrsched: error: "), line);
    for (String part : problem) {
      assertTrue(line.contains(part), "'" + part + "' in: " + line);
    }
    assertTrue(!Files.exists(runs) || isEmpty(runs), "no run folder is left behind");
    assertTrue(r.log().contains(problem[0]), "the log has the failure too");
    return line;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  @Test
  void shouldNameAnUnreadableImage() throws Exception {
    Path root = folder("unreadable");
    Files.write(root.resolve("train/b/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
    failure("image-folder", root, "train/b/broken.png", "cannot decode image", "data.on-bad-image = skip");
  }

  @Test
  void shouldNameAnImageOfTheWrongSize() throws Exception {
    Path root = folder("wrong-size");
    ImageIO.write(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), "png",
        root.resolve("test/c/big.png").toFile());
    failure("image-folder", root, "test/c/big.png", "image is 40x40, data.image-size is 32", "data.resize");
  }

  @Test
  void shouldNameANonImageFile() throws Exception {
    Path root = folder("non-image");
    Files.writeString(root.resolve("train/a/notes.txt"), "labels were checked by hand");
    failure("image-folder", root, "train/a/notes.txt", "not an image");
  }

  @Test
  void shouldNameAnEmptyClassFolder() throws Exception {
    Path root = folder("empty-class");
    Files.createDirectories(root.resolve("train/d"));
    failure("image-folder", root, "train/d", "empty class folder");
  }

  @Test
  void shouldNameTheClassesThatDifferBetweenTrainAndTest() throws Exception {
    Path root = folder("mismatch");
    Path extra = Files.createDirectories(root.resolve("train/zebra"));
    ImageIO.write(ImageSets.image(new Random(1), 0, 3, 32, BufferedImage.TYPE_INT_RGB), "png",
        extra.resolve("0.png").toFile());
    failure("image-folder", root, "only in train: [zebra]");
  }

  @Test
  void shouldNameATruncatedCifarRecordFoundOnAnExecutor() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("cifar"));
    byte[] record = new byte[3073];
    for (String name : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_4.bin", "data_batch_5.bin",
        "test_batch.bin")) {
      Files.write(root.resolve(name), record);
    }
    byte[] truncated = new byte[3073 + 1000]; // one whole record, then 1000 bytes of the second
    Files.write(root.resolve("data_batch_3.bin"), truncated);
    String line = failure("cifar-binary", root, "data_batch_3.bin", "record 1 is truncated");
    assertTrue(!line.contains("Job aborted") && !line.contains("SparkException"), line);
  }
}
