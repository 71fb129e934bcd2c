package io.lrsched.train;

import io.lrsched.model.LearningRateControl;
import io.lrsched.schedule.EpochLrTable;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Runs on every worker around every local step: before the step it sets the updater's learning rate to the
 * schedule's value for this (epoch, global step), taken from the broadcast table; after the step it reads back the
 * rate the updater actually applied and records it, with the step's loss and accuracy, in an accumulator the driver
 * gathers (keyed by epoch, step and worker, so that a task Spark runs twice is recorded once).
 *
 * <p>Nothing here depends on DL4J's own iteration or epoch counters, which each worker keeps separately and which
 * parameter averaging does not reconcile: the step is {@code roundStart + j} for the worker's j-th step of the
 * round, the same on every worker (see {@link WorkerLayout}). The driver sets {@link #startRound} before each
 * averaging round; DL4J serialises the hook with every round's job, so each task starts with a fresh copy and
 * {@code j = 0}.
 *
 * <p>The hook is also a training listener on the worker's network: in the training forward pass it computes the
 * batch's predictions from the output layer's input, so training accuracy costs no extra forward pass.
 */
final class LrHook extends BaseTrainingListener implements TrainingHook {
  private static final long serialVersionUID = 1L;

  private final StepRecordAccumulator records;
  private Broadcast<EpochLrTable> table;
  private int epoch;
  private int roundStart;

  private transient int localStep;
  private transient ComputationGraph attached;
  private transient INDArray labels;
  private transient int correct;
  private transient double expectedLr;

  LrHook(StepRecordAccumulator records) {
    this.records = records;
  }

  /** Called by the driver before each epoch. */
  void startEpoch(Broadcast<EpochLrTable> epochTable, int epochIndex) {
    this.table = epochTable;
    this.epoch = epochIndex;
  }

  /** Called by the driver before each averaging round. */
  void startRound(int firstStep) {
    this.roundStart = firstStep;
  }

  @Override
  public void preUpdate(MultiDataSet minibatch, Model model) {
    ComputationGraph graph = (ComputationGraph) model;
    if (attached != graph) {
      attached = graph;
      localStep = 0;
      ownUpdaterConfigurations(graph);
      graph.addListeners(this);
    }
    int step = roundStart + localStep;
    expectedLr = table.value().lrAt(step);
    LearningRateControl.set(graph, expectedLr);
    labels = minibatch.getLabels(0);
    correct = -1;
  }

  /**
   * Gives the worker's network updater configurations of its own. DL4J 1.0.0-M2's {@code
   * ComputationGraphConfiguration.clone()} copies the layers but not their {@code IUpdater} objects, so the networks
   * that the tasks of one JVM (local mode, or an executor with several cores) build from the same broadcast share
   * their {@code MomentumSgd} instances: setting one worker's LR changed its neighbour's in the middle of a step, and
   * per-step schedules were applied a step or two ahead (AppliedLrIT caught it). The updater is rebuilt on the same
   * state array, so momentum is kept.
   */
  static void ownUpdaterConfigurations(ComputationGraph graph) {
    for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
      if (layer.conf() != null && layer.conf().getLayer() instanceof BaseLayer base) {
        if (base.getIUpdater() != null) {
          base.setIUpdater(base.getIUpdater().clone());
        }
        if (base.getBiasUpdater() != null) {
          base.setBiasUpdater(base.getBiasUpdater().clone());
        }
      }
    }
    ComputationGraphUpdater updater = graph.getUpdater(false);
    if (updater != null) {
      graph.setUpdater(new ComputationGraphUpdater(graph, updater.getStateViewArray()));
    }
  }

  @Override
  public void onForwardPass(Model model, Map<String, INDArray> activations) {
    correct = BatchAccuracy.correct((ComputationGraph) model, activations, labels);
  }

  @Override
  public void postUpdate(MultiDataSet minibatch, Model model) {
    ComputationGraph graph = (ComputationGraph) model;
    TaskContext task = TaskContext.get();
    records.add(
        new StepRecord(
            epoch,
            roundStart + localStep,
            task == null ? 0 : task.partitionId(),
            SparkEnv.get() == null ? "unknown" : SparkEnv.get().executorId(),
            ProcessHandle.current().pid(),
            LearningRateControl.lastApplied(graph),
            expectedLr,
            graph.score(),
            (int) minibatch.getFeatures(0).size(0),
            correct));
    localStep++;
    labels = null;
  }

  @Override
  public void preUpdate(DataSet minibatch, Model model) {
    preUpdate(minibatch.toMultiDataSet(), model);
  }

  @Override
  public void postUpdate(DataSet minibatch, Model model) {
    postUpdate(minibatch.toMultiDataSet(), model);
  }
}
