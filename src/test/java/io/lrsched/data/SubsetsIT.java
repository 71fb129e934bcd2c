package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

class SubsetsIT extends SparkITBase {
  private final SyntheticSource source = new SyntheticSource(500, 10, 10, 3, 4);

  @Test
  void shouldTakeExactlyNRecordsOfTheInput() {
    JavaRDD<LabeledImage> all = source.load(sc, Split.TRAIN);

    List<LabeledImage> subset = Subsets.random(all, 123, 7).collect();

    assertEquals(123, subset.size());
    assertEquals(123, new HashSet<>(subset).size());
    assertEquals(true, new HashSet<>(all.collect()).containsAll(subset));
  }

  @Test
  void shouldPickTheSameRecordsForTheSameSeedWhateverThePartitioning() {
    JavaRDD<LabeledImage> four = source.load(sc, Split.TRAIN);
    JavaRDD<LabeledImage> seven = four.repartition(7);

    Set<LabeledImage> a = new HashSet<>(Subsets.random(four, 50, 11).collect());
    Set<LabeledImage> b = new HashSet<>(Subsets.random(seven, 50, 11).collect());
    Set<LabeledImage> other = new HashSet<>(Subsets.random(four, 50, 12).collect());

    assertEquals(a, b);
    assertNotEquals(a, other);
  }

  @Test
  void shouldReturnEverythingWhenNIsAtLeastTheCount() {
    JavaRDD<LabeledImage> all = source.load(sc, Split.TRAIN);

    assertSame(all, Subsets.random(all, 500, 1));
  }
}
