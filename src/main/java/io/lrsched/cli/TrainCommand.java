package io.lrsched.cli;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.nativeops.NativeSetup;
import io.lrsched.train.ExperimentRunner;
import io.lrsched.train.RunSummary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lrsched train EXPERIMENT.conf}: runs one experiment end to end. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train the experiment's ResNet with parameter averaging on Spark and write its run folder.")
final class TrainCommand implements Callable<Integer> {

  @Mixin ExperimentOptions experiment;

  @Override
  public Integer call() {
    ExperimentSettings settings = experiment.load();
    ExperimentRunner runner = new ExperimentRunner(settings, System.out);
    // Before ND4J loads: picks the native build and turns on DL4J's oneDNN helpers (see docs/PERFORMANCE.md).
    System.out.println("[INFO] " + NativeSetup.configure());
    RunSummary summary = runner.run();
    System.out.println("[INFO] run folder: " + summary.runFolder());
    return 0;
  }
}
