package io.lrsched.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every DL4J layer configuration's {@code instantiate} does to a new layer, once for our layer classes. */
final class LayerWiring {
  private LayerWiring() {}

  /**
   * Gives a new layer its listeners, index, parameter views and configuration.
   *
   * @param layer the new layer
   * @param config its layer configuration (knows the parameter initialiser)
   * @param conf the network-level configuration wrapping {@code config}
   * @param listeners training listeners
   * @param index layer index
   * @param paramsView the layer's slice of the network's parameters
   * @param initializeParams whether to initialise them
   * @param <L> the layer's class
   * @return {@code layer}
   */
  static <L extends Layer> L wire(L layer, org.deeplearning4j.nn.conf.layers.Layer config, NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams) {
    layer.setListeners(listeners);
    layer.setIndex(index);
    layer.setParamsViewArray(paramsView);
    layer.setParamTable(config.initializer().init(conf, paramsView, initializeParams));
    layer.setConf(conf);
    return layer;
  }
}
