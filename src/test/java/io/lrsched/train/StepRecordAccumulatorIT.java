package io.lrsched.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.ShuffleDependency;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.shuffle.FetchFailedException;
import org.apache.spark.util.CollectionAccumulator;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * Spark re-executes finished tasks, and a transformation's accumulator updates then arrive twice: this test makes
 * Spark do so in local mode and checks that {@link StepRecordAccumulator} still holds each (epoch, step, worker) once.
 *
 * <p>The job is shaped like DL4J's training round from six workers up (its tree aggregation adds a shuffle): "workers"
 * record their steps in a shuffle-map stage; the reduce stage's first attempt then reports a fetch failure, as it
 * does when an executor holding map output is lost, so Spark recomputes the map stage whose tasks had all finished.
 * A plain {@link CollectionAccumulator} (what the LR hook used before) fed in the same tasks shows that the re-run
 * happened: it holds the records twice.
 */
class StepRecordAccumulatorIT {
  private static final int WORKERS = 4;
  private static final int STEPS = 5;

  @Test
  void shouldHoldEachStepOnceWhenSparkReExecutesFinishedTasks() {
    // local[2,3]: two threads, and up to three attempts per task (local mode's default is one).
    SparkConf conf = new SparkConf()
        .setMaster("local[2,3]")
        .setAppName(getClass().getSimpleName())
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sc.setLogLevel("ERROR");
      StepRecordAccumulator keyed = new StepRecordAccumulator();
      sc.sc().register(keyed, "keyed-steps");
      CollectionAccumulator<StepRecord> plain = sc.sc().collectionAccumulator("plain-steps");

      List<Integer> workers = IntStream.range(0, WORKERS).boxed().toList();
      JavaPairRDD<Integer, Integer> stepsPerWorker = sc.parallelize(workers, WORKERS)
          .mapPartitionsToPair(partition -> {
            List<Tuple2<Integer, Integer>> out = new ArrayList<>();
            int worker = TaskContext.getPartitionId();
            for (int step = 0; step < STEPS; step++) {
              StepRecord r = record(worker, step);
              keyed.add(r);
              plain.add(r);
              out.add(new Tuple2<>(worker, 1));
            }
            return out.iterator();
          });
      JavaPairRDD<Integer, Integer> counted = stepsPerWorker.reduceByKey(Integer::sum, 2);
      int shuffleId = ((ShuffleDependency<?, ?, ?>) counted.rdd().dependencies().head()).shuffleId();
      List<Tuple2<Integer, Integer>> counts = counted
          .mapPartitionsToPair(rows -> {
            TaskContext task = TaskContext.get();
            if (task.stageAttemptNumber() == 0 && task.partitionId() == 0) {
              // What a reducer reports when the executor that held map output 0 is gone. In local mode that executor
              // is the driver: Spark drops all its map output, and logs an ERROR ("Ignoring error ...
              // CoarseGrainedScheduler") when the driver's block manager registers again; both are expected here.
              throw new FetchFailedException(SparkEnv.get().blockManager().blockManagerId(), shuffleId, 0L, 0,
                  task.partitionId(), "map output lost (test)", null);
            }
            return rows;
          })
          .collect();

      assertEquals(WORKERS, counts.size(), "the job completed: " + counts);
      counts.forEach(c -> assertEquals(STEPS, c._2(), "steps of worker " + c._1()));
      assertTrue(plain.value().size() > WORKERS * STEPS,
          "Spark re-ran finished map tasks, so a plain accumulator holds duplicates: " + plain.value().size());

      List<StepRecord> records = keyed.value();
      Set<String> keys = new HashSet<>();
      for (StepRecord r : records) {
        assertTrue(keys.add(r.epoch() + "/" + r.step() + "/" + r.worker()), "once: " + r);
      }
      assertEquals(WORKERS * STEPS, records.size(), "every step of every worker: " + records);
      for (int w = 0; w < WORKERS; w++) {
        for (int s = 0; s < STEPS; s++) {
          assertTrue(keys.contains("0/" + s + "/" + w), "step " + s + " of worker " + w);
        }
      }
    }
  }

  private static StepRecord record(int worker, int step) {
    return new StepRecord(0, step, worker, SparkEnv.get().executorId(), ProcessHandle.current().pid(), 0.1, 0.1,
        2.3, 16, 3);
  }
}
