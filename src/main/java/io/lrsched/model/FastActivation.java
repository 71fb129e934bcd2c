package io.lrsched.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link ActivationLayer} configuration whose layers run through {@link FastActivationLayer}. It serialises to
 * JSON under its own class name, so Spark workers rebuilding a network from the configuration get the same layer.
 */
public class FastActivation extends ActivationLayer {

  /** For JSON deserialisation. */
  public FastActivation() {
    super();
  }

  /**
   * @param activation the element-wise function
   */
  public FastActivation(Activation activation) {
    super(activation);
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
      int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
    return LayerWiring.wire(new FastActivationLayer(conf, networkDataType, FastLayers.enabled()), this, conf,
        trainingListeners, layerIndex, layerParamsView, initializeParams);
  }

  @Override
  public FastActivation clone() {
    return (FastActivation) super.clone();
  }
}
