package io.lrsched.train;

import java.io.Serializable;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Native threads for each training task: the cores a task owns. OpenMP keeps its thread count per calling thread,
 * so the count set once in {@code main} does not reach Spark's task threads, and with one task per core each task's
 * oneDNN kernels would otherwise start as many threads as the machine has cores (2 tasks x 2 threads on 2 cores).
 * Set from the hook, on the task thread that runs {@code fit}, before every step (a cheap call).
 *
 * @param threads OpenMP threads per task, at least 1
 */
public record TaskThreads(int threads) implements TrainingHook, Serializable {

  /**
   * In local mode the machine's cores are shared by the workers that train at once; on a cluster a task owns
   * {@code spark.task.cpus} cores.
   */
  public static TaskThreads forWorkers(JavaSparkContext sc, int workers) {
    if (sc.sc().isLocal()) {
      int cores = Runtime.getRuntime().availableProcessors();
      int concurrent = Math.max(1, Math.min(workers, sc.defaultParallelism()));
      return new TaskThreads(Math.max(1, cores / concurrent));
    }
    return new TaskThreads(Math.max(1, sc.getConf().getInt("spark.task.cpus", 1)));
  }

  /** Sets the calling thread's OpenMP thread count. */
  void apply() {
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
  }

  @Override
  public void preUpdate(DataSet minibatch, Model model) {
    apply();
  }

  @Override
  public void postUpdate(DataSet minibatch, Model model) {}

  @Override
  public void preUpdate(MultiDataSet minibatch, Model model) {
    apply();
  }

  @Override
  public void postUpdate(MultiDataSet minibatch, Model model) {}
}
