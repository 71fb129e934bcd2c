package io.lrsched.bench;

import io.lrsched.model.ResNetSpec;
import java.util.Objects;
import org.deeplearning4j.nn.conf.WorkspaceMode;

/**
 * What {@link ModelBenchmark} measures and how long.
 *
 * @param spec the network to measure
 * @param batchSize images per step
 * @param warmupSteps training steps before timing starts (JIT, oneDNN primitive caches, workspaces)
 * @param measuredSteps timed training steps (each phase is timed over this many repetitions)
 * @param peakGflops the machine's peak GFLOP/s to compare against, or NaN when unknown
 * @param workspaceMode DL4J workspace mode for training and inference
 */
public record BenchOptions(
    ResNetSpec spec,
    int batchSize,
    int warmupSteps,
    int measuredSteps,
    double peakGflops,
    WorkspaceMode workspaceMode) {

  /** Validates the counts. */
  public BenchOptions {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(workspaceMode, "workspaceMode");
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
    }
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
    }
    if (measuredSteps <= 0) {
      throw new IllegalArgumentException("measured steps must be > 0, got " + measuredSteps);
    }
    if (!Double.isNaN(peakGflops) && !(peakGflops > 0)) {
      throw new IllegalArgumentException("peak GFLOP/s must be > 0 when given, got " + peakGflops);
    }
  }
}
