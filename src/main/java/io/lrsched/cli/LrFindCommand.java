package io.lrsched.cli;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.finder.LrFinderSettings;
import io.lrsched.finder.LrRangeTest;
import io.lrsched.nativeops.NativeSetup;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lrsched lr-find EXPERIMENT.conf}: the learning-rate range test (Smith 2015; the fast.ai finder) on the
 * experiment's data, model, batch size and momentum; prints the suggested initial learning rate and writes the sweep,
 * its plot and the suggestion into a run folder.
 */
@Command(
    name = "lr-find",
    mixinStandardHelpOptions = true,
    description = {
      "Learning-rate range test: train the experiment's network from its initial weights while the LR grows"
          + " exponentially, record the loss per minibatch and suggest an initial LR.",
      "Writes lr-find.csv, lr-find.png and suggestion.txt to <output.dir>/<name>-lr-find-<time>."
    })
final class LrFindCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ExperimentSource source;

  @Option(names = "--min-lr", paramLabel = "LR", defaultValue = "1e-6",
      description = "LR of the first minibatch (default: ${DEFAULT-VALUE}).")
  double minLr;

  @Option(names = "--max-lr", paramLabel = "LR", defaultValue = "10",
      description = "LR of the last minibatch (default: ${DEFAULT-VALUE}).")
  double maxLr;

  @Option(names = "--batches", paramLabel = "N", defaultValue = "100",
      description = "Minibatches in the sweep (default: ${DEFAULT-VALUE}).")
  int batches;

  @Option(names = "--smoothing", paramLabel = "BETA", defaultValue = "0.98",
      description = "Beta of the loss's exponential moving average, 0 for none (default: ${DEFAULT-VALUE}).")
  double smoothing;

  @Option(names = "--stop-factor", paramLabel = "X", defaultValue = "4",
      description = "Stop once the smoothed loss exceeds X times its best (default: ${DEFAULT-VALUE}).")
  double stopFactor;

  /** The sweep's parameters, checked; a bad value is a usage error (exit 2) before anything runs. */
  LrFinderSettings finderSettings() {
    try {
      return new LrFinderSettings(minLr, maxLr, batches, smoothing, stopFactor);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
  }

  @Override
  public Integer call() {
    LrFinderSettings finder = finderSettings();
    ExperimentSettings settings = source.load(List.of());
    // Before ND4J loads, as for train: the sweep itself runs on this JVM (see docs/PERFORMANCE.md).
    System.out.println("[INFO] " + NativeSetup.configure());
    LrRangeTest.Summary summary = new LrRangeTest(settings, finder, System.out).run();
    System.out.println("[INFO] run folder: " + summary.runFolder());
    return 0;
  }
}
