/** In-process throughput benchmark of the ResNet: {@link io.lrsched.bench.ModelBenchmark}. */
package io.lrsched.bench;
