package io.lrsched.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;
import org.apache.spark.api.java.JavaRDD;

/**
 * Seeded random subsets of exactly {@code n} records, to shorten the cycle time of an experiment (a reader's wish
 * in the seed spec).
 *
 * <p>Each record gets a seeded key from its content ({@link ContentHash}) and the {@code n} smallest keys are kept.
 * Only keys reach the driver, never pixels, and the subset depends on the seed and the records alone, not on how
 * they are partitioned or ordered. The input is read three times (a count, the key thresholds, the filter): cache
 * it first when it is expensive to recompute.
 */
public final class Subsets {
  private Subsets() {}

  /**
   * A unique ordering of records: the seeded content hash, ties (identical records) broken by position. A plain
   * class rather than a record so that Spark's Kryo 4, which cannot create records, serialises it field by field.
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
    if (n == 0) {
      return images.filter(image -> false);
    }
    long salted = seed ^ ContentHash.SUBSET_SALT;
    // Per partition, the smallest n keys; merged pairwise into the global smallest n, whose largest is the threshold.
    ArrayList<Key> smallest = images
        .mapPartitionsWithIndex(
            (part, it) -> Collections.singletonList(smallestKeys(part, it, n, salted)).iterator(), false)
        .reduce((a, b) -> merge(a, b, n));
    Key threshold = smallest.get(smallest.size() - 1);
    return images.mapPartitionsWithIndex((part, it) -> keep(part, it, threshold, salted), true);
  }

  private static long position(int partition, long index) {
    return ((long) partition << 32) | index;
  }

  private static ArrayList<Key> smallestKeys(int partition, Iterator<LabeledImage> it, long limit, long seed) {
    // A max-heap of the `limit` smallest keys seen so far.
    PriorityQueue<Key> heap = new PriorityQueue<>(Comparator.reverseOrder());
    long index = 0;
    while (it.hasNext()) {
      Key key = new Key(ContentHash.of(seed, it.next()), position(partition, index++));
      if (heap.size() < limit) {
        heap.add(key);
      } else if (key.compareTo(heap.peek()) < 0) {
        heap.poll();
        heap.add(key);
      }
    }
    ArrayList<Key> keys = new ArrayList<>(heap);
    Collections.sort(keys);
    return keys;
  }

  private static ArrayList<Key> merge(ArrayList<Key> a, ArrayList<Key> b, long limit) {
    ArrayList<Key> all = new ArrayList<>(a);
    all.addAll(b);
    Collections.sort(all);
    return new ArrayList<>(all.subList(0, (int) Math.min(all.size(), limit)));
  }

  private static Iterator<LabeledImage> keep(int partition, Iterator<LabeledImage> it, Key threshold, long seed) {
    long[] index = {0};
    // Lazy filter: a partition's records are never all held at once.
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
        .filter(image -> {
          Key key = new Key(ContentHash.of(seed, image), position(partition, index[0]++));
          return key.compareTo(threshold) <= 0;
        })
        .iterator();
  }

  private static void checkN(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("subset size must be >= 0, got " + n);
    }
  }
}
