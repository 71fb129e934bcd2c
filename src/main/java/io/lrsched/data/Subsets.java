package io.lrsched.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.apache.spark.api.java.JavaRDD;

/**
 * Seeded random subsets of exactly {@code n} records, to shorten the cycle time of an experiment (a reader's wish
 * in the seed spec), optionally stratified so each class keeps its share.
 *
 * <p>Each record gets a seeded key from its content ({@link ContentHash}) and the {@code n} smallest keys are kept.
 * Only keys reach the driver, never pixels, and the subset depends on the seed and the records alone, not on how
 * they are partitioned or ordered. The input is read three times (a count, the key thresholds, the filter): cache
 * it first when it is expensive to recompute.
 */
public final class Subsets {
  /** The group of every record when not stratifying. */
  private static final int ALL = -1;

  private Subsets() {}

  /**
   * A unique ordering of records: the seeded content hash, ties (identical records) broken by position. A plain
   * class rather than a record because Spark's Kryo 4 cannot serialize records.
   */
  static final class Key implements Comparable<Key>, Serializable {
    private static final long serialVersionUID = 1L;
    private final long hash;
    private final long position;

    Key(long hash, long position) {
      this.hash = hash;
      this.position = position;
    }

    @Override
    public int compareTo(Key o) {
      int c = Long.compare(hash, o.hash);
      return c != 0 ? c : Long.compare(position, o.position);
    }
  }

  /**
   * A uniformly random subset of exactly {@code n} records.
   *
   * @param n records wanted, at least 0; {@code n >= count} returns the input unchanged
   */
  public static JavaRDD<LabeledImage> random(JavaRDD<LabeledImage> images, long n, long seed) {
    checkN(n);
    long count = images.count();
    if (n >= count) {
      return images;
    }
    Map<Integer, Long> quota = new HashMap<>();
    quota.put(ALL, n);
    return select(images, quota, seed, false);
  }

  /**
   * A random subset of exactly {@code n} records that keeps each class's share: class {@code c} with
   * {@code count_c} records gets {@code floor(n * count_c / count)} of them, and the few left over go to the
   * classes with the largest remainders (ties to the lower label).
   *
   * @param n records wanted, at least 0; {@code n >= count} returns the input unchanged
   */
  public static JavaRDD<LabeledImage> stratified(JavaRDD<LabeledImage> images, long n, long seed) {
    checkN(n);
    Map<Integer, Long> counts = new TreeMap<>(images.map(LabeledImage::label).countByValue());
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    if (n >= total) {
      return images;
    }
    return select(images, quotas(counts, n), seed, true);
  }

  /** Largest-remainder apportionment of {@code n} over the classes, proportional to their counts. */
  static Map<Integer, Long> quotas(Map<Integer, Long> counts, long n) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    Map<Integer, Long> quota = new TreeMap<>();
    List<long[]> remainders = new ArrayList<>();
    long given = 0;
    for (Map.Entry<Integer, Long> e : counts.entrySet()) {
      // n * count fits a long for any data set that fits a cluster (both well below 2^31 in practice).
      long exact = n * e.getValue();
      long q = exact / total;
      quota.put(e.getKey(), q);
      given += q;
      remainders.add(new long[] {exact % total, e.getKey()});
    }
    remainders.sort(Comparator.<long[]>comparingLong(r -> -r[0]).thenComparingLong(r -> r[1]));
    for (int i = 0; i < n - given; i++) {
      int label = (int) remainders.get(i)[1];
      quota.put(label, quota.get(label) + 1);
    }
    return quota;
  }

  private static JavaRDD<LabeledImage> select(
      JavaRDD<LabeledImage> images, Map<Integer, Long> quota, long seed, boolean byClass) {
    long salted = seed ^ ContentHash.SUBSET_SALT;
    HashMap<Integer, Long> quotas = new HashMap<>(quota);
    // Per partition, the smallest `quota` keys of each group; merged pairwise into the global smallest ones.
    HashMap<Integer, ArrayList<Key>> smallest = images
        .mapPartitionsWithIndex(
            (part, it) -> Collections.singletonList(smallestKeys(part, it, quotas, salted, byClass)).iterator(),
            false)
        .reduce((a, b) -> merge(a, b, quotas));
    HashMap<Integer, Key> thresholds = new HashMap<>();
    smallest.forEach((group, keys) -> {
      if (!keys.isEmpty()) {
        thresholds.put(group, keys.get(keys.size() - 1));
      }
    });
    return images.mapPartitionsWithIndex((part, it) -> keep(part, it, thresholds, salted, byClass), true);
  }

  private static int group(LabeledImage image, boolean byClass) {
    return byClass ? image.label() : ALL;
  }

  private static long position(int partition, long index) {
    return ((long) partition << 32) | index;
  }

  private static HashMap<Integer, ArrayList<Key>> smallestKeys(
      int partition, Iterator<LabeledImage> it, Map<Integer, Long> quotas, long seed, boolean byClass) {
    Map<Integer, PriorityQueue<Key>> heaps = new HashMap<>();
    long index = 0;
    while (it.hasNext()) {
      LabeledImage image = it.next();
      int group = group(image, byClass);
      long limit = quotas.getOrDefault(group, 0L);
      Key key = new Key(ContentHash.of(seed, image), position(partition, index++));
      if (limit == 0) {
        continue;
      }
      // A max-heap of the `limit` smallest keys seen so far.
      PriorityQueue<Key> heap = heaps.computeIfAbsent(group, g -> new PriorityQueue<>(Comparator.reverseOrder()));
      if (heap.size() < limit) {
        heap.add(key);
      } else if (key.compareTo(heap.peek()) < 0) {
        heap.poll();
        heap.add(key);
      }
    }
    HashMap<Integer, ArrayList<Key>> out = new HashMap<>();
    heaps.forEach((group, heap) -> {
      ArrayList<Key> keys = new ArrayList<>(heap);
      Collections.sort(keys);
      out.put(group, keys);
    });
    return out;
  }

  private static HashMap<Integer, ArrayList<Key>> merge(
      HashMap<Integer, ArrayList<Key>> a, HashMap<Integer, ArrayList<Key>> b, Map<Integer, Long> quotas) {
    HashMap<Integer, ArrayList<Key>> out = new HashMap<>(a);
    b.forEach((group, keys) -> {
      ArrayList<Key> all = new ArrayList<>(out.getOrDefault(group, new ArrayList<>()));
      all.addAll(keys);
      Collections.sort(all);
      int limit = (int) Math.min(all.size(), quotas.getOrDefault(group, 0L));
      out.put(group, new ArrayList<>(all.subList(0, limit)));
    });
    return out;
  }

  private static Iterator<LabeledImage> keep(
      int partition, Iterator<LabeledImage> it, Map<Integer, Key> thresholds, long seed, boolean byClass) {
    long[] index = {0};
    // Lazy filter: a partition's records are never all held at once.
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
        .filter(image -> {
          Key threshold = thresholds.get(group(image, byClass));
          Key key = new Key(ContentHash.of(seed, image), position(partition, index[0]++));
          return threshold != null && key.compareTo(threshold) <= 0;
        })
        .iterator();
  }

  private static void checkN(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("subset size must be >= 0, got " + n);
    }
  }
}
