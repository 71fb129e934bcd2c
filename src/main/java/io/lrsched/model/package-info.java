/**
 * The tutorial's ResNet as a DL4J graph ({@link io.lrsched.model.ResNet} from {@link io.lrsched.model.ResNetSpec}),
 * the Keras-exact classical-momentum optimizer ({@link io.lrsched.model.MomentumSgd}) with per-step learning-rate
 * control ({@link io.lrsched.model.LearningRateControl}), and the model's cost in multiply-adds
 * ({@link io.lrsched.model.FlopCount}).
 */
package io.lrsched.model;
