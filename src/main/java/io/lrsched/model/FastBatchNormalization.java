package io.lrsched.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link BatchNormalization} configuration, unchanged in every setting and parameter, whose layers run
 * through {@link FastBatchNormLayer}, which also applies the configured activation (ReLU or identity). It serialises to JSON under its own class name, so Spark workers rebuilding a
 * network from the configuration get the same layer.
 */
public class FastBatchNormalization extends BatchNormalization {

  /** For JSON deserialisation and {@link #of}; DL4J's defaults (log-std running variance, decay 0.9, eps 1e-5). */
  public FastBatchNormalization() {
    super();
  }

  /**
   * A batch-norm configuration with learned scale and shift.
   *
   * @param eps added to the variance
   * @param decay running-statistics momentum (Keras' {@code momentum})
   * @param format the activations' layout
   * @param relu whether ReLU follows (fused into the layer; DL4J's own batch-norm layer would ignore it)
   * @return the configuration
   */
  public static FastBatchNormalization of(double eps, double decay, CNN2DFormat format, boolean relu) {
    FastBatchNormalization conf = new FastBatchNormalization();
    conf.setEps(eps);
    conf.setDecay(decay);
    conf.setCnn2DFormat(format);
    conf.setActivationFn((relu ? Activation.RELU : Activation.IDENTITY).getActivationFunction());
    return conf;
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
      int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
    LayerValidation.assertNOutSet("FastBatchNormalization", getLayerName(), layerIndex, getNOut());
    return LayerWiring.wire(new FastBatchNormLayer(conf, networkDataType), this, conf, trainingListeners, layerIndex,
        layerParamsView, initializeParams);
  }

  @Override
  public FastBatchNormalization clone() {
    return (FastBatchNormalization) super.clone();
  }
}
