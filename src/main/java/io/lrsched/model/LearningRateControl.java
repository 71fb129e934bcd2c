package io.lrsched.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Sets the learning rate of a live {@link ComputationGraph} trained with {@link MomentumSgd}, and reads back the rate
 * its updater actually applied in the last step.
 *
 * <p>{@link #set} changes every layer's {@link MomentumSgd} configuration in place. The updaters read their
 * configuration at every step, so the next {@code fit} uses the new rate; unlike DL4J's
 * {@code graph.setLearningRate(double)} nothing is rebuilt (that call re-creates the whole updater and copies its
 * state, which also works but costs an allocation per call). The graph's configuration objects are the ones changed,
 * so a model saved afterwards records the current rate.
 */
public final class LearningRateControl {

  private LearningRateControl() {}

  /**
   * Sets the learning rate for all following steps (and removes any {@code ISchedule} set on {@link MomentumSgd}).
   *
   * @param graph an initialised network whose layers use {@link MomentumSgd}
   * @param learningRate finite value &gt;= 0
   * @throws IllegalArgumentException if no layer uses {@link MomentumSgd} or the rate is invalid
   */
  public static void set(ComputationGraph graph, double learningRate) {
    int changed = 0;
    for (Layer layer : graph.getLayers()) {
      if (layer.conf() != null && layer.conf().getLayer() instanceof BaseLayer base) {
        changed += setOn(base.getIUpdater(), learningRate);
        changed += setOn(base.getBiasUpdater(), learningRate);
      }
    }
    ComputationGraphUpdater updater = graph.getUpdater(false);
    if (updater != null) {
      // Normally the same objects as the layers' configurations; set them too so that no copy can lag behind.
      for (UpdaterBlock block : updater.getUpdaterBlocks()) {
        GradientUpdater<?> gu = block.getGradientUpdater();
        if (gu != null) {
          changed += setOn(gu.getConfig(), learningRate);
        }
      }
    }
    if (changed == 0) {
      throw new IllegalArgumentException("no layer of the network uses MomentumSgd; cannot set learning rate "
          + learningRate);
    }
  }

  /**
   * The learning rate used by the most recent parameter update.
   *
   * @param graph a network trained with {@link MomentumSgd}
   * @return the rate, or NaN if no step has been taken since the updater was (re)built
   * @throws IllegalStateException if parameter blocks applied different rates (they never should: {@link #set} sets
   *     all of them)
   */
  public static double lastApplied(ComputationGraph graph) {
    ComputationGraphUpdater updater = graph.getUpdater(false);
    double found = Double.NaN;
    if (updater == null) {
      return found;
    }
    for (UpdaterBlock block : updater.getUpdaterBlocks()) {
      if (block.getGradientUpdater() instanceof MomentumSgdUpdater m) {
        double lr = m.lastAppliedLearningRate();
        if (Double.isNaN(lr)) {
          continue;
        }
        if (!Double.isNaN(found) && Double.compare(found, lr) != 0) {
          throw new IllegalStateException("updater blocks applied different learning rates: " + found + " and "
              + lr);
        }
        found = lr;
      }
    }
    return found;
  }

  private static int setOn(IUpdater updater, double learningRate) {
    if (updater instanceof MomentumSgd m) {
      m.setLrAndSchedule(learningRate, null); // a fixed rate replaces any DL4J schedule
      return 1;
    }
    return 0;
  }
}
