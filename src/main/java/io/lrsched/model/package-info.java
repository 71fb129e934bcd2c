/**
 * The tutorial's ResNet as a DL4J graph ({@link io.lrsched.model.ResNet} from {@link io.lrsched.model.ResNetSpec}),
 * the Keras-exact classical-momentum optimizer ({@link io.lrsched.model.MomentumSgd}) with per-step learning-rate
 * control ({@link io.lrsched.model.LearningRateControl}), and the model's cost in multiply-adds
 * ({@link io.lrsched.model.FlopCount}).
 *
 * <p>The fast layers: drop-in configurations ({@link io.lrsched.model.FastConvolution},
 * {@link io.lrsched.model.FastBatchNormalization}, the latter with the following ReLU fused in) whose layers compute
 * what DL4J's compute with fewer passes over memory on the oneDNN build, with oneDNN's batch norm and convolutions
 * called directly ({@code DnnlBatchNorm}, {@code DnnlConvolution}, both through {@code Dnnl}) and shared wiring
 * ({@code LayerWiring}); {@link io.lrsched.model.FastLayers} switches them
 * on or off (off, DL4J's own code runs end to end, with DL4J's ReLU after DL4J's batch norm).
 */
package io.lrsched.model;
