package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class MinibatchesIT extends SparkITBase {
  private final JavaRDD<LabeledImage> images = new SyntheticSource(100, 10, 10, 4, 3).load(sc, Split.TRAIN);

  @Test
  void shouldMakeFullBatchesWithAtMostOneSmallerPerPartition() {
    JavaRDD<DataSet> batches = Minibatches.toDataSets(images, 16, false, 10, 1, Normalization.unit());

    assertEquals(3, batches.getNumPartitions());
    List<List<Integer>> sizesPerPartition = batches.map(DataSet::numExamples).glom().collect();
    int total = 0;
    for (List<Integer> sizes : sizesPerPartition) {
      long smaller = sizes.stream().filter(n -> n < 16).count();
      assertTrue(smaller <= 1, "sizes " + sizes);
      assertTrue(sizes.stream().allMatch(n -> n <= 16), "sizes " + sizes);
      if (smaller == 1) {
        assertTrue(sizes.get(sizes.size() - 1) < 16, "the smaller batch must be the last: " + sizes);
      }
      total += sizes.stream().mapToInt(Integer::intValue).sum();
    }
    assertEquals(100, total);
    DataSet first = batches.first();
    assertArrayEquals(new long[] {first.numExamples(), 3, 32, 32}, first.getFeatures().shape());
    assertArrayEquals(new long[] {first.numExamples(), 10}, first.getLabels().shape());
  }

  @Test
  void shouldShuffleDeterministicallyPerSeed() {
    List<DataSet> a = Minibatches.toDataSets(images, 100, true, 10, 5, Normalization.unit()).collect();
    List<DataSet> b = Minibatches.toDataSets(images.repartition(3), 100, true, 10, 5, Normalization.unit()).collect();
    List<DataSet> c = Minibatches.toDataSets(images, 100, true, 10, 6, Normalization.unit()).collect();

    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).getFeatures(), b.get(i).getFeatures(), "same seed, other input partitioning");
      assertEquals(a.get(i).getLabels(), b.get(i).getLabels());
    }
    assertNotEquals(a.get(0).getFeatures(), c.get(0).getFeatures());
    assertArrayEquals(new long[] {a.get(0).numExamples(), 32, 32, 3}, a.get(0).getFeatures().shape());
  }
}
