package io.lrsched.train;

import java.io.PrintStream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;

/**
 * Says on the console when Spark loses an executor during a run, in words a user can act on: which executor, why,
 * and that the run goes on. Spark re-runs the lost tasks by itself and its own log line is an ERROR with a stack
 * trace further down, which reads as if the run had failed. Registered only while the epochs run, so that the
 * executors Spark stops at the end are not reported.
 */
final class ExecutorLossReporter extends SparkListener {
  private final PrintStream console;

  ExecutorLossReporter(PrintStream console) {
    this.console = console;
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    console.println("[WARN] lost executor " + removed.executorId() + " (" + removed.reason() + "); Spark re-runs"
        + " its tasks on the remaining executors and the run goes on");
  }
}
