package io.lrsched.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.config.DataSettings;
import io.lrsched.config.TableSettings;
import io.lrsched.data.Augmentation;
import io.lrsched.data.Normalization;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** Loading an image folder for training: decoded once, bad files skipped and counted, augmentation per epoch. */
class TrainingDataIT {
  @TempDir static Path tmp;
  private static JavaSparkContext sc;
  private static Path root;

  @BeforeAll
  static void start() throws Exception {
    sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("TrainingDataIT")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1"));
    root = tmp.resolve("images");
    Random rnd = new Random(3);
    for (String split : List.of("train", "test")) {
      for (String cls : List.of("x", "y")) {
        Path dir = Files.createDirectories(root.resolve(split).resolve(cls));
        for (int i = 0; i < (split.equals("train") ? 6 : 3); i++) {
          BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
          for (int p = 0; p < 32 * 32; p++) {
            img.setRGB(p % 32, p / 32, rnd.nextInt(1 << 24));
          }
          ImageIO.write(img, "png", dir.resolve(i + ".png").toFile());
        }
      }
    }
    Files.write(root.resolve("train/x/broken.png"), new byte[] {1, 2, 3});
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  private static DataSettings settings(int trainSubset, String normalize, boolean augment) {
    return new DataSettings("image-folder", root.toString(), trainSubset, 0, 2, 1, 1, 10, 32, "reject", true,
        normalize, augment, 4, 0, new TableSettings("parquet", "", "content", "label", "path", "split", List.of()));
  }

  @Test
  void shouldDecodeEveryFileOnceEvenWithASubsetAndCountTheSkippedOne() {
    TrainingData data = TrainingData.load(sc, settings(5, "unit", false), 7, false);
    try {
      assertEquals(5, data.trainCount());
      assertEquals(6, data.testCount());
      // 12 good + 1 broken training files, 6 test files: each decoded exactly once.
      assertEquals(19, data.decodedImages());
      assertEquals(1, data.skippedCount());
      assertTrue(data.skippedExamples().get(0).contains("train/x/broken.png"), data.skippedExamples().toString());
      assertEquals(List.of("x", "y"), data.classNames());
      assertEquals(Normalization.unit(), data.input().normalization());
    } finally {
      data.release();
    }
  }

  @Test
  void shouldAugmentPerEpochAndRepeatForTheSameSeed() {
    TrainingData data = TrainingData.load(sc, settings(0, "standardize", true), 7, false);
    try {
      assertEquals(Normalization.STANDARDIZE, data.input().normalization().kind());
      WorkerLayout layout = new WorkerLayout(2, 4, 1);
      EpochBatches.Inputs augmented =
          new EpochBatches.Inputs(false, 2, data.augmentation(), data.input().normalization());
      EpochBatches.Inputs plain =
          new EpochBatches.Inputs(false, 2, Augmentation.off(), data.input().normalization());
      List<DataSet> first = batches(data, layout, 0, augmented);
      assertEquals(first, batches(data, layout, 0, augmented), "same seed and epoch: the same minibatches");
      assertNotEquals(first, batches(data, layout, 0, plain), "augmentation changes the images");
    } finally {
      data.release();
    }
  }

  private static List<DataSet> batches(TrainingData data, WorkerLayout layout, int epoch, EpochBatches.Inputs in) {
    EpochBatches b = EpochBatches.shuffle(sc, data.trainIndexed(), data.trainCount(), layout, 7, epoch, in);
    try {
      return b.round(0).collect();
    } finally {
      b.release();
    }
  }
}
