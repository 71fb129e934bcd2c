package io.lrsched.cli;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.train.ModelEvaluation;
import io.lrsched.train.ModelPrediction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lrsched predict MODEL_OR_RUN IMAGES [--out predictions.csv]}: a saved model applied to new images. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Apply a saved model (model.zip, model-best.zip, or a run folder) to unlabelled images on Spark: a folder"
          + " (PNG/JPEG at any depth), a .tar.gz, or with --table a Spark SQL table; write one CSV line per image:"
          + " key,predicted,probability,class_2,probability_2,...",
      "Images are resized and normalised as the model's run recorded; bad images follow data.on-bad-image. Settings"
          + " come from the model's run's config.conf, with --set on top."
    })
final class PredictCommand implements Callable<Integer>, NativeCommand {

  @Parameters(index = "0", paramLabel = "MODEL_OR_RUN",
      description = "A model zip written by train, or a run folder (its model.zip), any Hadoop URI.")
  String model;

  @Parameters(index = "1", paramLabel = "IMAGES",
      description = "A folder or .tar.gz of images (any Hadoop URI), or with --table a table's path or name.")
  String images;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "predictions.csv",
      description = "The CSV to write (any Hadoop URI; its folder must exist; default ${DEFAULT-VALUE}).")
  String out;

  @Option(names = "--top", paramLabel = "K", defaultValue = "3",
      description = "Most probable classes per image (default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--table", description = "IMAGES is a table: read with data.table.format, image-column and"
      + " key-column, e.g. --set data.table.format=orc.")
  boolean table;

  @Option(names = "--best", description = "With a run folder: use its model-best.zip instead of model.zip.")
  boolean best;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override any key, e.g. --set data.on-bad-image=skip (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Spec CommandSpec spec;

  private ExperimentSettings settings;

  @Override
  public void prepare() {
    if (top < 1) {
      throw new ParameterException(spec.commandLine(), "--top must be at least 1, got " + top);
    }
    settings = ModelEvaluation.settings(model, null, overrides);
  }

  @Override
  public Integer call() {
    new ModelPrediction(System.out).predict(
        new ModelPrediction.Request(model, best, images, table, out, top), settings);
    return 0;
  }
}
