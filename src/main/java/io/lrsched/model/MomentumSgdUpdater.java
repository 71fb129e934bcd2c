package io.lrsched.model;

import java.util.Collections;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The per-block state and arithmetic of {@link MomentumSgd}: one velocity array {@code v} per block of parameters.
 *
 * <p>DL4J hands {@link #applyUpdater} the (minibatch-averaged, L2-augmented) gradient and then <em>subtracts</em>
 * whatever the array holds afterwards from the parameters. Keras adds {@code v}, so the array is set to {@code -v}.
 */
public final class MomentumSgdUpdater implements GradientUpdater<MomentumSgd> {

  /** Key of the velocity in {@link #getState()}, same name as DL4J's Nesterovs state. */
  public static final String V_STATE = "V";

  private final MomentumSgd config;
  private INDArray v;
  private volatile double lastAppliedLearningRate = Double.NaN;

  /** @param config the layer's updater configuration, read at every step (so in-place LR changes take effect) */
  public MomentumSgdUpdater(MomentumSgd config) {
    this.config = config;
  }

  @Override
  public MomentumSgd getConfig() {
    return config;
  }

  @Override
  public void setState(Map<String, INDArray> stateMap, boolean initialize) {
    if (stateMap == null || !stateMap.containsKey(V_STATE) || stateMap.size() != 1) {
      throw new IllegalStateException("MomentumSgd state must hold exactly the key " + V_STATE + ", got "
          + (stateMap == null ? null : stateMap.keySet()));
    }
    this.v = stateMap.get(V_STATE);
    if (initialize) {
      v.assign(0);
    }
  }

  @Override
  public Map<String, INDArray> getState() {
    return Collections.singletonMap(V_STATE, v);
  }

  @Override
  public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
    if (!viewArray.isRowVectorOrScalar()) {
      throw new IllegalArgumentException("Invalid input: expected a row vector state view, got shape "
          + java.util.Arrays.toString(viewArray.shape()));
    }
    if (initialize) {
      viewArray.assign(0);
    }
    this.v = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
    if (v == null) {
      throw new IllegalStateException("Could not reshape the velocity view to the gradient's shape");
    }
  }

  /**
   * Turns {@code gradient} into the update DL4J subtracts: {@code v = mu*v - lr*g; gradient = -v}.
   *
   * @param gradient gradient in, update out (in place)
   * @param iteration DL4J's iteration counter (used only by a schedule)
   * @param epoch DL4J's epoch counter (used only by a schedule)
   */
  @Override
  public void applyUpdater(INDArray gradient, int iteration, int epoch) {
    if (v == null) {
      throw new IllegalStateException("MomentumSgd velocity has not been initialised");
    }
    double lr = config.getLearningRate(iteration, epoch);
    double mu = config.getMomentum();
    gradient.muli(lr);          // lr * g
    v.muli(mu).subi(gradient);  // v = mu * v - lr * g
    gradient.assign(v).negi();  // DL4J applies w -= update, Keras w += v
    lastAppliedLearningRate = lr;
  }

  /** @return the learning rate used by the last {@link #applyUpdater} call, NaN before the first */
  public double lastAppliedLearningRate() {
    return lastAppliedLearningRate;
  }
}
