/**
 * All benchmarking: the in-process throughput of the ResNet's training step ({@link io.lrsched.bench.ModelBenchmark}
 * with its {@link io.lrsched.bench.BenchOptions} and {@link io.lrsched.bench.BenchResult}), and the training throughput
 * through Spark with parameter averaging, laid out as a real run trains ({@link io.lrsched.bench.SparkThroughput}),
 * with where a round's time goes ({@link io.lrsched.bench.RoundSplit}).
 *
 * <p>Benchmarks measure speed; nothing here is used by a training run. {@code SparkThroughput} reuses the training
 * package's worker layout and training master so that it measures what a run does.
 */
package io.lrsched.bench;
