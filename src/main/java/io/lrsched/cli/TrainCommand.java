package io.lrsched.cli;

import io.lrsched.config.ExperimentSettings;
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
final class TrainCommand implements Callable<Integer>, NativeCommand {

  @Mixin ExperimentOptions experiment;

  private ExperimentSettings settings;

  @Override
  public void prepare() {
    settings = experiment.load();
  }

  @Override
  public Integer call() {
    RunSummary summary = new ExperimentRunner(settings, System.out).run();
    System.out.println("[INFO] run folder: " + summary.runFolder());
    return 0;
  }
}
