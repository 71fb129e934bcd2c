/**
 * Image data for the experiments: where the images come from ({@link io.lrsched.data.ImageSource} and its
 * implementations for the CIFAR-10 binary release, image folders and a synthetic set), seeded subsets
 * ({@link io.lrsched.data.Subsets}) and the conversion to DL4J minibatches ({@link io.lrsched.data.Minibatches}).
 *
 * <p>Every source reads its records on the Spark executors: the driver only lists files or starts the one task
 * that streams an archive, so no data set is ever collected to the driver and parallelized again. Records are
 * {@link io.lrsched.data.LabeledImage}s, 3x32x32 bytes in the channel-major (CHW) order of the CIFAR binary format.
 */
package io.lrsched.data;
