package io.lrsched.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lrsched.data.Augmentation;
import io.lrsched.data.LabeledImage;
import io.lrsched.data.Normalization;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One epoch's layout on real Spark: 9 images, 2 workers, global batch 4, averaging every 2 steps, so 3 global steps
 * of 4, 4 and 1 images; the last step is smaller than the number of workers.
 */
class EpochBatchesIT {
  private static final int N = 9;
  private static JavaSparkContext sc;

  @BeforeAll
  static void startSpark() {
    sc = LocalSpark.start("EpochBatchesIT");
  }

  @AfterAll
  static void stopSpark() {
    if (sc != null) {
      sc.stop();
    }
  }

  /** Image i has pixel value i everywhere, so a minibatch's features tell which images it holds. */
  private static JavaPairRDD<LabeledImage, Long> images() {
    List<LabeledImage> images = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      byte[] pixels = new byte[LabeledImage.CIFAR_BYTES];
      java.util.Arrays.fill(pixels, (byte) i);
      images.add(new LabeledImage(i % LabeledImage.CIFAR_CLASSES, pixels));
    }
    return sc.parallelize(images, 3).zipWithIndex().cache();
  }

  private static List<Integer> imageIds(DataSet batch) {
    List<Integer> ids = new ArrayList<>();
    for (int r = 0; r < batch.numExamples(); r++) {
      ids.add(Math.round(batch.getFeatures().getFloat(r, 0, 0, 0) * 255));
    }
    return ids;
  }

  @Test
  void shouldUseEveryImageOnceAndGiveTheShortLastStepToTheFirstWorkers() {
    WorkerLayout layout = new WorkerLayout(2, 4, 2);
    assertEquals(3, layout.stepsPerEpoch(N));
    for (int epoch = 0; epoch < 2; epoch++) {
      EpochBatches batches =
          EpochBatches.shuffle(sc, images(), N, layout, 42, epoch, new EpochBatches.Inputs(
              false, LabeledImage.CIFAR_CLASSES, Augmentation.off(), Normalization.unit()));
      List<Integer> seen = new ArrayList<>();
      // round 0 = steps 0 and 1: each worker holds two minibatches of 2 images
      List<List<DataSet>> round0 = batches.round(0).glom().collect();
      assertEquals(2, round0.size());
      for (List<DataSet> worker : round0) {
        assertEquals(2, worker.size(), "one minibatch per local step");
        worker.forEach(b -> assertEquals(2, b.numExamples()));
        worker.forEach(b -> seen.addAll(imageIds(b)));
      }
      // round 1 = step 2 with 1 image: worker 0 takes it, worker 1 has no minibatch in that round
      List<List<DataSet>> round1 = batches.round(1).glom().collect();
      assertEquals(1, round1.get(0).size());
      assertEquals(1, round1.get(0).get(0).numExamples());
      assertEquals(0, round1.get(1).size());
      seen.addAll(imageIds(round1.get(0).get(0)));
      batches.release();

      assertEquals(N, seen.size(), "epoch " + epoch + ": " + seen);
      assertEquals(N, new TreeSet<>(seen).size(), "every image exactly once in epoch " + epoch + ": " + seen);
    }
  }
}
