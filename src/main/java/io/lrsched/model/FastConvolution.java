package io.lrsched.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link ConvolutionLayer} configuration, unchanged in every setting and parameter, whose layers run through
 * {@link FastConvolutionLayer}. It serialises to JSON under its own class name, so Spark workers rebuilding a network
 * from the configuration get the same layer.
 */
public class FastConvolution extends ConvolutionLayer {

  /** For JSON deserialisation. */
  public FastConvolution() {
    super();
  }

  /**
   * @param builder a configured DL4J convolution builder
   */
  public FastConvolution(ConvolutionLayer.Builder builder) {
    super(builder);
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
      int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
    LayerValidation.assertNInNOutSet("FastConvolution", getLayerName(), layerIndex, getNIn(), getNOut());
    return LayerWiring.wire(new FastConvolutionLayer(conf, networkDataType), this, conf, trainingListeners,
        layerIndex, layerParamsView, initializeParams);
  }

  @Override
  public FastConvolution clone() {
    return (FastConvolution) super.clone();
  }
}
