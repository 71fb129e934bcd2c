package io.lrsched.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * Gathers the workers' {@link StepRecord}s on the driver, exactly one per (epoch, step, worker).
 *
 * <p>Why keyed: the LR hook adds its records inside DL4J's training transformation, and Spark applies a
 * transformation's accumulator updates once per successful run of a task, not once per task. A finished task that
 * runs again sends its records again: a shuffle-map task whose output was lost with its executor (DL4J's tree
 * aggregation makes training a shuffle-map stage from six workers up), a speculative copy, a recomputed stage. A
 * re-run trains the same worker's same steps from the same broadcast parameters and LR table, so its records carry the
 * same keys, and keeping one record per key makes the log exactly-once whatever Spark re-runs. (A failed attempt's
 * updates are dropped by Spark itself.) Moving the update into an action, which Spark applies once, is not open to
 * us: DL4J's parameter averaging owns the training job. Both copies of a key record the same scheduled LR; the first
 * one merged is kept.
 *
 * <p>Synchronized: the task thread adds while the executor's heartbeat may read, as with Spark's own
 * {@code CollectionAccumulator}.
 */
final class StepRecordAccumulator extends AccumulatorV2<StepRecord, List<StepRecord>> {
  private static final long serialVersionUID = 1L;

  private final TreeMap<Key, StepRecord> records = new TreeMap<>();

  /** What makes a step record unique (a re-executed task produces the same key), ordered as lr-applied.csv. */
  private record Key(int epoch, int step, int worker) implements Comparable<Key>, Serializable {
    static Key of(StepRecord r) {
      return new Key(r.epoch(), r.step(), r.worker());
    }

    @Override
    public int compareTo(Key o) {
      int c = Integer.compare(epoch, o.epoch);
      c = c != 0 ? c : Integer.compare(step, o.step);
      return c != 0 ? c : Integer.compare(worker, o.worker);
    }
  }

  @Override
  public synchronized boolean isZero() {
    return records.isEmpty();
  }

  @Override
  public synchronized StepRecordAccumulator copy() {
    StepRecordAccumulator copy = new StepRecordAccumulator();
    copy.records.putAll(records);
    return copy;
  }

  @Override
  public synchronized void reset() {
    records.clear();
  }

  @Override
  public synchronized void add(StepRecord record) {
    records.putIfAbsent(Key.of(record), record);
  }

  @Override
  public void merge(AccumulatorV2<StepRecord, List<StepRecord>> other) {
    for (StepRecord r : other.value()) {
      add(r);
    }
  }

  /** @return one record per (epoch, step, worker), in that order */
  @Override
  public synchronized List<StepRecord> value() {
    return new ArrayList<>(records.values());
  }
}
