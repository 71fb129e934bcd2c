package io.lrsched.cli;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.train.ExperimentRunner;
import io.lrsched.train.RunSummary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lrsched train EXPERIMENT.conf}: runs one experiment end to end; {@code lrsched train --resume RUN}
 * continues an interrupted run from its newest checkpoint.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the experiment's ResNet with parameter averaging on Spark and write its run folder.",
      "With --resume RUN: continue that run from its newest intact checkpoint, with its own config.conf."
    })
final class TrainCommand implements Callable<Integer>, NativeCommand {

  @Spec CommandSpec spec;

  @Mixin ExperimentOptions experiment;

  @Option(names = "--resume", paramLabel = "RUN",
      description = "Continue the run in this run folder (any Hadoop URI) from its newest intact checkpoint. Only"
          + " training.epochs (to extend), training.worker-prefetch and output.* may be --set.")
  String resume;

  @Option(names = "--stretch-schedule",
      description = "With --resume and a larger training.epochs: derive the schedule's auto parameters from the new"
          + " length (the remaining epochs then follow the longer schedule). Default: keep the original length.")
  boolean stretchSchedule;

  private ExperimentSettings settings;

  @Override
  public void prepare() {
    if (resume != null && experiment.experimentFile() != null) {
      throw new ParameterException(spec.commandLine(),
          "--resume continues a run with its own config.conf: give no EXPERIMENT.conf (got "
              + experiment.experimentFile() + ")");
    }
    if (stretchSchedule && resume == null) {
      throw new ParameterException(spec.commandLine(), "--stretch-schedule applies only with --resume");
    }
    settings = resume == null
        ? experiment.load()
        : ExperimentRunner.resumeSettings(resume, experiment.overrides());
  }

  @Override
  public Integer call() {
    ExperimentRunner runner = new ExperimentRunner(settings, System.out);
    RunSummary summary = resume == null ? runner.run() : runner.resume(resume, stretchSchedule);
    System.out.println("[INFO] run folder: " + summary.runFolder());
    return 0;
  }
}
