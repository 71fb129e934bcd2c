package io.lrsched.cli;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.train.ModelEvaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lrsched evaluate MODEL_OR_RUN [EXPERIMENT.conf]}: a saved model's classification report on a test split. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a saved model (model.zip, model-best.zip, or a run folder) on a data set's test split on Spark;"
          + " print the classification report and write it to <output.dir>/<name>-evaluate-<time>.",
      "The data set is the model's run's (its config.conf), or EXPERIMENT.conf's, with --set on top, e.g."
          + " --set data.path=/new/copy/cifar10.tar.gz."
    })
final class EvaluateCommand implements Callable<Integer>, NativeCommand {

  @Parameters(index = "0", paramLabel = "MODEL_OR_RUN",
      description = "A model zip written by train, or a run folder (its model.zip), any Hadoop URI.")
  String model;

  @Parameters(index = "1", arity = "0..1", paramLabel = "EXPERIMENT.conf",
      description = "Experiment file for the data set; default: the model's run's config.conf.")
  Path experimentFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override any key, e.g. --set data.path=/data/cifar10 (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--best", description = "With a run folder: evaluate its model-best.zip instead of model.zip.")
  boolean best;

  private ExperimentSettings settings;

  @Override
  public void prepare() {
    settings = ModelEvaluation.settings(model, experimentFile, overrides);
  }

  @Override
  public Integer call() {
    new ModelEvaluation(System.out).evaluate(model, best, settings);
    return 0;
  }
}
