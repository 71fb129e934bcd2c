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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's batch-norm layer with a faster training forward and backward pass on the oneDNN build; inference and every
 * other case run DL4J's own code.
 *
 * <p>Why: in 1.0.0-M2 DL4J's oneDNN helper computes the batch mean and variance with ND4J reductions over the
 * non-channel axes, and libnd4j's {@code batchnorm_bp} adds the mean and variance terms of the input gradient with
 * a dozen broadcast and reduction ops after oneDNN's kernel. Both walk the array once per channel, the largest item
 * of a training step (docs/PERFORMANCE.md). Here the same mathematics runs as
 * per-channel sums by matrix-vector products and per-channel affine maps by oneDNN's batchnorm kernel
 * ({@link ChannelMath}): about five passes over the activations forward and six backward.
 *
 * <p>Semantics are DL4J's exactly: batch statistics with the biased variance, {@code y = gamma * (x - mean) /
 * sqrt(var + eps) + beta}, the full input gradient through the batch statistics, and the running mean and variance
 * (or log10 standard deviation) moved towards the batch's by {@code 1 - decay} through their "gradients", which DL4J
 * subtracts without an updater.
 *
 * <p>Switched off (DL4J's path throughout) as {@link FastLayers} says.
 */
public class FastBatchNormLayer extends BatchNormalization {

  private final boolean fastPathAvailable;
  /** Whether the last forward pass was ours (then its batch statistics are in {@link #batchMean}/{@link #batchVar}). */
  private boolean ownForward;
  private INDArray batchMean;
  private INDArray batchVar;
  private INDArray sums;

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
   * @param fastPath whether training passes take the fast path (any native build computes it correctly; only
   *     the oneDNN build computes it fast)
   */
  FastBatchNormLayer(NeuralNetConfiguration conf, DataType dataType, boolean fastPath) {
    super(conf, dataType);
    this.fastPathAvailable = fastPath;
  }

  @Override
  public INDArray preOutput(INDArray x, TrainingMode training, LayerWorkspaceMgr workspaceMgr) {
    ownForward = training == TrainingMode.TRAIN && handles(x);
    if (!ownForward) {
      return super.preOutput(x, training, workspaceMgr);
    }
    CNN2DFormat format = layerConf().getCnn2DFormat();
    INDArray in = contiguous(x, ArrayType.FF_WORKING_MEM, workspaceMgr);
    long channels = in.size(channelAxis());
    double count = (double) in.length() / channels;
    allocateStatistics(channels);

    ChannelMath.channelSums(in, format, batchMean);
    batchMean.divi(count);
    // Two passes for the variance: centring first keeps it accurate when |mean| >> std.
    INDArray centred = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, DataType.FLOAT, in.shape(), 'c');
    ChannelMath.affine(in, format, ChannelMath.ones(channels), batchMean.neg(), centred);
    centred.muli(centred);
    ChannelMath.channelSums(centred, format, batchVar);
    batchVar.divi(count);

    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, in.shape(), 'c');
    Nd4j.exec(DynamicCustomOp.builder("batchnorm")
        .addInputs(in, batchMean, batchVar, flat(getParam(BatchNormalizationParamInitializer.GAMMA)),
            flat(getParam(BatchNormalizationParamInitializer.BETA)))
        .addOutputs(out)
        .addIntegerArguments(1, 1, channelAxis())
        .addFloatingPointArguments(layerConf().getEps())
        .build());
    return out;
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    if (!ownForward || !handles(epsilon)) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    assertInputSet(true);
    CNN2DFormat format = layerConf().getCnn2DFormat();
    INDArray x = contiguous(input, ArrayType.BP_WORKING_MEM, workspaceMgr);
    INDArray dy = contiguous(epsilon, ArrayType.BP_WORKING_MEM, workspaceMgr);
    int channels = (int) x.size(channelAxis());
    double count = (double) x.length() / channels;

    ChannelMath.channelSums(dy, format, sums);
    float[] dBeta = sums.toFloatVector();
    INDArray work = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, x.shape(), 'c');
    Nd4j.exec(new MulOp(dy, x, work));
    ChannelMath.channelSums(work, format, sums);
    float[] sumDyX = sums.toFloatVector();

    float[] mean = batchMean.toFloatVector();
    float[] var = batchVar.toFloatVector();
    float[] gamma = getParam(BatchNormalizationParamInitializer.GAMMA).toFloatVector();
    double eps = layerConf().getEps();
    float[] dGamma = new float[channels];
    float[] dyScale = new float[channels];
    float[] xScale = new float[channels];
    float[] shift = new float[channels];
    for (int c = 0; c < channels; c++) {
      // dx = gamma*invStd * (dy - dBeta/M - xHat*dGamma/M), with xHat = (x - mean)*invStd, as scale/shift of dy and x
      double invStd = 1.0 / Math.sqrt(var[c] + eps);
      double dg = invStd * (sumDyX[c] - mean[c] * dBeta[c]);
      double a = gamma[c] * invStd;
      dGamma[c] = (float) dg;
      dyScale[c] = (float) a;
      xScale[c] = (float) (-a * invStd * dg / count);
      shift[c] = (float) (-a / count * (dBeta[c] - mean[c] * invStd * dg));
    }
    INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
    ChannelMath.affine(dy, format, Nd4j.createFromArray(dyScale), Nd4j.createFromArray(shift), dx);
    ChannelMath.affine(x, format, Nd4j.createFromArray(xScale), ChannelMath.zeros(channels), work);
    dx.addi(work);

    return new Pair<>(parameterGradients(dGamma, dBeta, mean, var), dx);
  }

  /** Gradients of gamma and beta, and DL4J's running-statistics "gradients" (old - new, applied without updater). */
  private Gradient parameterGradients(float[] dGamma, float[] dBeta, float[] mean, float[] var) {
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
    Gradient gradient = new DefaultGradient();
    setGradient(gradient, BatchNormalizationParamInitializer.GAMMA, dGamma);
    setGradient(gradient, BatchNormalizationParamInitializer.BETA, dBeta);
    setGradient(gradient, BatchNormalizationParamInitializer.GLOBAL_MEAN, dMean);
    setGradient(gradient, spreadKey, dSpread);
    return gradient;
  }

  /** Writes {@code values} into the network's gradient view for {@code key} and registers that view. */
  private void setGradient(Gradient gradient, String key, float[] values) {
    INDArray view = gradientViews.get(key);
    view.assign(Nd4j.createFromArray(values).reshape(view.shape()));
    gradient.setGradientFor(key, view);
  }

  private boolean handles(INDArray x) {
    return fastPathAvailable && x.rank() == 4 && x.dataType() == DataType.FLOAT && !layerConf().isLockGammaBeta();
  }

  private int channelAxis() {
    return layerConf().getCnn2DFormat() == CNN2DFormat.NHWC ? 3 : 1;
  }

  private static INDArray contiguous(INDArray x, ArrayType type, LayerWorkspaceMgr workspaceMgr) {
    return x.ordering() == 'c' && Shape.hasDefaultStridesForShape(x)
        ? x : workspaceMgr.dup(type, x, 'c');
  }

  private static INDArray flat(INDArray rowVector) {
    return rowVector.reshape(rowVector.length());
  }

  /** Batch statistics live outside any workspace: they must survive from the forward to the backward pass. */
  private void allocateStatistics(long channels) {
    if (batchMean != null && batchMean.length() == channels) {
      return;
    }
    try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
      batchMean = Nd4j.create(DataType.FLOAT, channels);
      batchVar = Nd4j.create(DataType.FLOAT, channels);
      sums = Nd4j.create(DataType.FLOAT, channels);
    }
  }
}
