/**
 * Image data for the experiments: where the images come from ({@link io.lrsched.data.ImageSource} and its
 * implementations for the CIFAR-10 binary release, image folders and a synthetic set), seeded subsets
 * ({@link io.lrsched.data.Subsets}) and the conversion to DL4J minibatches ({@link io.lrsched.data.Minibatches}).
 *
 * <p>Every source reads its records on the Spark executors: the driver only lists files or starts the one task
 * that streams an archive, so no data set is ever collected to the driver and parallelized again. Records are
 * {@link io.lrsched.data.LabeledImage}s, 3 x side x side bytes in the channel-major (CHW) order of the CIFAR binary
 * format; {@link io.lrsched.data.ImageFit} brings decoded images to one side, {@link io.lrsched.data.Augmentation}
 * and {@link io.lrsched.data.Normalization} prepare them for the network.
 */
package io.lrsched.data;
