package io.lrsched.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J's batch-norm layer, optionally followed by ReLU (its configuration's activation), whose training and inference
 * passes run oneDNN's batch-norm kernel directly ({@link DnnlBatchNorm}), with the ReLU fused into it.
 *
 * <p>Why: in 1.0.0-M2 DL4J's oneDNN helper computes the batch mean and variance with ND4J reductions that walk the
 * array once per channel, libnd4j's {@code batchnorm_bp} adds the mean and variance terms of the input gradient with
 * a dozen broadcast and reduction ops after oneDNN's kernel, and a separate ReLU layer costs another pass forward and
 * two backward. Here a training step's batch norm + ReLU is one oneDNN kernel forward and one backward.
 *
 * <p>Semantics are DL4J's exactly: batch statistics with the biased variance, {@code y = gamma * (x - mean) /
 * sqrt(var + eps) + beta}, the full input gradient through the batch statistics, and the running mean and variance
 * (or log10 standard deviation) moved towards the batch's by {@code 1 - decay} through their "gradients", which DL4J
 * subtracts without an updater. DL4J's own batch-norm layer ignores its activation; this one applies it (ReLU or
 * identity) on every path: on DL4J's path (switched off as {@link FastLayers} says, or a case the fast path does not
 * take) as DL4J's activation function after DL4J's layer.
 */
public class FastBatchNormLayer extends BatchNormalization {

  private final boolean fastPathAvailable;
  /** Whether the last forward pass was ours (then its batch statistics are in {@link #batchMean}/{@link #batchVar}). */
  private boolean ownForward;
  private INDArray batchMean;
  private INDArray batchVar;
  /** The fused ReLU's mask, kept from the forward pass for backward (outside workspaces: it must survive). */
  private INDArray reluMask;

  /**
   * @param conf the layer's configuration
   * @param dataType the network's data type
   */
  public FastBatchNormLayer(NeuralNetConfiguration conf, DataType dataType) {
    this(conf, dataType, FastLayers.enabled());
  }

  /**
   * @param conf the layer's configuration
   * @param dataType the network's data type
   * @param fastPath whether passes take the oneDNN path (any ND4J build computes it correctly where oneDNN's presets
   *     load)
   */
  FastBatchNormLayer(NeuralNetConfiguration conf, DataType dataType, boolean fastPath) {
    super(conf, dataType);
    this.fastPathAvailable = fastPath && Dnnl.available();
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    if (handles(input)) {
      return preOutput(input, training ? TrainingMode.TRAIN : TrainingMode.TEST, workspaceMgr);
    }
    ownForward = false;
    INDArray z = super.activate(training, workspaceMgr); // DL4J's layer: ignores the activation
    return relu() ? layerConf().getActivationFn().getActivation(z, training) : z;
  }

  @Override
  public INDArray preOutput(INDArray x, TrainingMode training, LayerWorkspaceMgr workspaceMgr) {
    ownForward = training == TrainingMode.TRAIN && handles(x);
    if (!handles(x)) {
      return super.preOutput(x, training, workspaceMgr);
    }
    CNN2DFormat format = layerConf().getCnn2DFormat();
    double eps = layerConf().getEps();
    INDArray in = contiguous(x, ArrayType.FF_WORKING_MEM, workspaceMgr);
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, in.shape(), 'c');
    INDArray gamma = getParam(BatchNormalizationParamInitializer.GAMMA);
    INDArray beta = getParam(BatchNormalizationParamInitializer.BETA);
    if (!ownForward) {
      DnnlBatchNorm.forwardInference(in, format, eps, relu(), gamma, beta,
          getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN), runningVariance(), out);
      return out;
    }
    allocateStatistics(in.size(channelAxis()), in.shape());
    DnnlBatchNorm.forwardTraining(in, format, eps, relu(), gamma, beta, out, batchMean, batchVar,
        relu() ? reluMask : null);
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    if (!ownForward || !handles(epsilon)) {
      if (relu()) {
        // DL4J's layer knows nothing of the activation: take its derivative here, at the recomputed pre-activation.
        INDArray z = super.preOutput(input, TrainingMode.TRAIN, workspaceMgr);
        epsilon = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
      }
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    assertInputSet(true);
    INDArray x = contiguous(input, ArrayType.BP_WORKING_MEM, workspaceMgr);
    INDArray dy = contiguous(epsilon, ArrayType.BP_WORKING_MEM, workspaceMgr);
    INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
    INDArray dGamma = gradientViews.get(BatchNormalizationParamInitializer.GAMMA);
    INDArray dBeta = gradientViews.get(BatchNormalizationParamInitializer.BETA);
    DnnlBatchNorm.backward(x, dy, layerConf().getCnn2DFormat(), layerConf().getEps(), relu(),
        getParam(BatchNormalizationParamInitializer.GAMMA), getParam(BatchNormalizationParamInitializer.BETA),
        batchMean, batchVar, relu() ? reluMask : null,
        dx, dGamma, dBeta);

    Gradient gradient = new DefaultGradient();
    gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGamma);
    gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBeta);
    runningStatisticsGradients(gradient, batchMean.toFloatVector(), batchVar.toFloatVector());
    return new Pair<>(gradient, dx);
  }

  /** DL4J's running-statistics "gradients" (old - new, applied without updater). */
  private void runningStatisticsGradients(Gradient gradient, float[] mean, float[] var) {
    double decay = layerConf().getDecay();
    float[] globalMean = getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).toFloatVector();
    float[] dMean = new float[mean.length];
    for (int c = 0; c < mean.length; c++) {
      dMean[c] = (float) ((globalMean[c] - mean[c]) * (1 - decay));
    }
    boolean logStd = layerConf().isUseLogStd();
    String spreadKey = logStd ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
        : BatchNormalizationParamInitializer.GLOBAL_VAR;
    float[] spread = getParam(spreadKey).toFloatVector();
    float[] dSpread = new float[var.length];
    for (int c = 0; c < var.length; c++) {
      if (logStd) {
        double old = Math.pow(10, 2.0 * spread[c]);
        double next = decay * old + (1 - decay) * var[c];
        dSpread[c] = (float) (Math.log(old / next) / (2 * Math.log(10)));
      } else {
        dSpread[c] = (float) ((spread[c] - var[c]) * (1 - decay));
      }
    }
    setGradient(gradient, BatchNormalizationParamInitializer.GLOBAL_MEAN, dMean);
    setGradient(gradient, spreadKey, dSpread);
  }

  /** Writes {@code values} into the network's gradient view for {@code key} and registers that view. */
  private void setGradient(Gradient gradient, String key, float[] values) {
    INDArray view = gradientViews.get(key);
    view.assign(Nd4j.createFromArray(values).reshape(view.shape()));
    gradient.setGradientFor(key, view);
  }

  /** Whether passes over {@code x} take the oneDNN path (package-private: tests show it is the path they compare). */
  boolean handles(INDArray x) {
    return fastPathAvailable && x.rank() == 4 && x.dataType() == DataType.FLOAT && !layerConf().isLockGammaBeta()
        && (relu() || layerConf().getActivationFn() instanceof ActivationIdentity);
  }

  private boolean relu() {
    return layerConf().getActivationFn() instanceof ActivationReLU relu && relu.equals(new ActivationReLU());
  }

  /** The running variance DL4J's helper uses, from the log10 standard deviation when that is what is stored. */
  private INDArray runningVariance() {
    if (!layerConf().isUseLogStd()) {
      return getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
    }
    INDArray log10Std = getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
    INDArray std = Transforms.pow(Nd4j.valueArrayOf(log10Std.shape(), 10.0, DataType.FLOAT), log10Std, false);
    return std.muli(std);
  }

  private int channelAxis() {
    return layerConf().getCnn2DFormat() == CNN2DFormat.NHWC ? 3 : 1;
  }

  private static INDArray contiguous(INDArray x, ArrayType type, LayerWorkspaceMgr workspaceMgr) {
    return x.ordering() == 'c' && Shape.hasDefaultStridesForShape(x)
        ? x : workspaceMgr.dup(type, x, 'c');
  }

  /** Batch statistics live outside any workspace: they must survive from the forward to the backward pass. */
  private void allocateStatistics(long channels, long[] shape) {
    try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
      if (batchMean == null || batchMean.length() != channels) {
        batchMean = Nd4j.create(DataType.FLOAT, channels);
        batchVar = Nd4j.create(DataType.FLOAT, channels);
      }
      long maskBytes = relu() ? DnnlBatchNorm.workspaceBytes(shape, layerConf().getCnn2DFormat(), layerConf().getEps())
          : 0;
      if (maskBytes > 0 && (reluMask == null || reluMask.length() != maskBytes)) {
        reluMask = Nd4j.create(DataType.UINT8, maskBytes);
      }
    }
  }
}
