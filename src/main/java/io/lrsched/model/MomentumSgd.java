package io.lrsched.model;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * SGD with <em>classical</em> momentum, exactly as Keras/TF2 {@code SGD(momentum=mu, nesterov=False)}:
 * {@code v = mu * v - lr * g; w = w + v}.
 *
 * <p>Why not DL4J's own updaters: 1.0.0-M2 has {@code Sgd} (no momentum) and {@code Nesterovs}, which implements
 * Nesterov momentum ({@code w += mu * v_new - (1 + mu) ... }), a different trajectory from the tutorial's optimizer.
 *
 * <p>The learning rate can change between any two steps: either set it on every layer of a live network with
 * {@link LearningRateControl#set} (in place, no updater rebuild) or with DL4J's {@code graph.setLearningRate(lr)}
 * (which rebuilds the updater but keeps its state); both end in {@link #setLrAndSchedule}. An {@link ISchedule}, if
 * given, takes precedence and is evaluated with DL4J's (iteration, epoch) counters. The value actually used in the
 * last step is kept by each {@link MomentumSgdUpdater} and read with {@link LearningRateControl#lastApplied}.
 *
 * <p>Serialisable with DL4J's Jackson mapper (bean properties {@code learningRate}, {@code learningRateSchedule},
 * {@code momentum}); the DL4J JSON of a configuration names this class, so it round-trips.
 */
public final class MomentumSgd implements IUpdater {

  private static final long serialVersionUID = 1L;

  private double learningRate;
  private ISchedule learningRateSchedule;
  private double momentum;

  /** For Jackson only; use {@link #MomentumSgd(double, double)}. */
  public MomentumSgd() {
    this(0.1, 0.9);
  }

  /**
   * @param learningRate initial learning rate, finite and &gt; 0
   * @param momentum classical momentum in [0, 1)
   */
  public MomentumSgd(double learningRate, double momentum) {
    setLearningRate(learningRate);
    setMomentum(momentum);
  }

  /** @return the fixed learning rate (ignored while a schedule is set) */
  public double getLearningRate() {
    return learningRate;
  }

  /**
   * Sets the learning rate used from the next step on (clears nothing: a schedule, if set, still wins).
   *
   * @param learningRate finite value &gt;= 0 (0 freezes the weights but keeps decaying the velocity)
   */
  public void setLearningRate(double learningRate) {
    if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be a finite value >= 0, got " + learningRate);
    }
    this.learningRate = learningRate;
  }

  /** @return the schedule, or null when the fixed learning rate is used */
  public ISchedule getLearningRateSchedule() {
    return learningRateSchedule;
  }

  /** @param schedule a DL4J schedule of (iteration, epoch), or null to use the fixed learning rate */
  public void setLearningRateSchedule(ISchedule schedule) {
    this.learningRateSchedule = schedule;
  }

  /** @return the momentum coefficient mu */
  public double getMomentum() {
    return momentum;
  }

  /** @param momentum classical momentum in [0, 1) */
  public void setMomentum(double momentum) {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    this.momentum = momentum;
  }

  @Override
  public long stateSize(long numParams) {
    return numParams; // one velocity per parameter
  }

  @Override
  public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
    MomentumSgdUpdater u = new MomentumSgdUpdater(this);
    u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
    return u;
  }

  @Override
  public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
    MomentumSgdUpdater u = new MomentumSgdUpdater(this);
    u.setState(updaterState, initializeStateArrays);
    return u;
  }

  @Override
  public MomentumSgd clone() {
    MomentumSgd c = new MomentumSgd(learningRate, momentum);
    c.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
    return c;
  }

  @Override
  public double getLearningRate(int iteration, int epoch) {
    return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
  }

  @Override
  public boolean hasLearningRate() {
    return true;
  }

  /** Called by DL4J's {@code setLearningRate(...)} utilities. */
  @Override
  public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
    setLearningRate(lr);
    this.learningRateSchedule = lrSchedule;
  }

  /*
   * equals/hashCode decide how DL4J groups parameters into updater blocks; only configuration takes part, never
   * runtime state.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof MomentumSgd m
        && Double.compare(learningRate, m.learningRate) == 0
        && Double.compare(momentum, m.momentum) == 0
        && Objects.equals(learningRateSchedule, m.learningRateSchedule);
  }

  @Override
  public int hashCode() {
    return Objects.hash(learningRate, momentum, learningRateSchedule);
  }

  @Override
  public String toString() {
    return "MomentumSgd(learningRate=" + learningRate + ", momentum=" + momentum + ", nesterov=false"
        + (learningRateSchedule == null ? "" : ", schedule=" + learningRateSchedule) + ")";
  }
}
