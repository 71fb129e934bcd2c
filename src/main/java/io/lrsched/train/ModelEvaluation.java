package io.lrsched.train;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.config.SettingsLoader;
import io.lrsched.model.ModelFile;
import io.lrsched.data.Normalization;
import io.lrsched.model.ModelMetadata;
import io.lrsched.report.ClassificationReport;
import io.lrsched.storage.RunFolder;
import io.lrsched.storage.StorageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Evaluates a saved model ({@code model.zip}, {@code model-best.zip}, or a run folder) on a data set's test split on
 * Spark, and writes the classification report in training's format to a new folder {@code
 * <output.dir>/<name>-evaluate-<time>}.
 *
 * <p>The data set is the one the model's run recorded (its config.conf, when the model sits in a run folder), an
 * experiment file's, or reference.conf's, with {@code --set} overrides on top: {@code --set data.path=...} checks a
 * model on a new copy of its data. Class names and input layout come from the model's own metadata.
 */
public final class ModelEvaluation {

  private final PrintStream console;

  /** @param console where progress, figures and the report go */
  public ModelEvaluation(PrintStream console) {
    this.console = console;
  }

  /**
   * What an evaluation found and where it went.
   *
   * @param folder the evaluation's output folder
   * @param model the model file evaluated
   * @param accuracy share of test images classified correctly
   * @param loss mean cross-entropy plus the model's L2 term, as training's val_loss
   * @param report the classification report's text
   */
  public record Summary(String folder, String model, double accuracy, double loss, String report) {}

  /**
   * The model file a command-line argument names: a {@code .zip} as is, a run folder's {@code model.zip} (or {@code
   * model-best.zip}).
   */
  static String modelUri(String modelOrRun, boolean best) {
    String trimmed = modelOrRun.endsWith("/") ? modelOrRun.substring(0, modelOrRun.length() - 1) : modelOrRun;
    if (trimmed.endsWith(".zip")) {
      return trimmed;
    }
    return trimmed + "/" + (best ? ExperimentRunner.MODEL_BEST : ExperimentRunner.MODEL);
  }

  /**
   * Loads the settings for the data set (see the class comment).
   *
   * @param modelOrRun a model zip or a run folder
   * @param experimentFile an experiment file, or null
   * @param overrides {@code key=value} strings
   * @return the validated settings
   * @throws io.lrsched.config.ConfigError for a bad setting
   * @throws RunFailure if the model's folder cannot be read
   */
  public static ExperimentSettings settings(String modelOrRun, Path experimentFile, List<String> overrides) {
    SettingsLoader loader = new SettingsLoader();
    if (experimentFile != null) {
      return loader.load(experimentFile, overrides);
    }
    RunFolder folder = folderOf(modelUri(modelOrRun, false), SparkContexts.hadoopConfiguration());
    if (folder.exists(RunRecorder.CONFIG)) {
      return loader.loadText(folder.readText(RunRecorder.CONFIG), folder.fileUri(RunRecorder.CONFIG), overrides);
    }
    return loader.load(null, overrides);
  }

  /**
   * Evaluates the model on the settings' test split.
   *
   * @param modelOrRun a model zip or a run folder
   * @param best with a run folder: its model-best.zip instead of model.zip
   * @param settings the data set and output folder (see {@link #settings})
   * @return the figures and where they went
   * @throws RunFailure if the model or data cannot be read, or do not fit each other
   */
  public Summary evaluate(String modelOrRun, boolean best, ExperimentSettings settings) {
    String modelUri = modelUri(modelOrRun, best);
    String modelName = modelUri.substring(modelUri.lastIndexOf('/') + 1);
    try (JavaSparkContext sc = SparkContexts.create("lrsched evaluate")) {
      RunFolder modelFolder = folderOf(modelUri, sc.hadoopConfiguration());
      SparkJobLabels jobs = new SparkJobLabels(sc, "evaluate", modelName);
      jobs.label("loading the test split");
      ModelFile.Loaded model = readModel(modelUri, sc.hadoopConfiguration());
      ModelMetadata metadata = model.metadata();
      info("model " + modelFolder.fileUri(modelName) + ": " + model.network().numParams() + " parameters, "
          + metadata);
      TrainingData.TestSplit test;
      try {
        // The model's own input size and normalisation, whatever the experiment file says.
        test = TrainingData.loadTest(sc, settings.data(), settings.seed(), metadata.channelsLast(),
            metadata.height(), normalization(metadata));
      } catch (IllegalArgumentException e) {
        throw new RunFailure("data.source = " + settings.data().source() + ", data.path = "
            + settings.data().path() + ": " + e.getMessage(), e);
      }
      if (!test.classNames().equals(metadata.classNames())) {
        throw new RunFailure(test.description() + " has classes " + test.classNames() + ", the model "
            + metadata.classNames());
      }
      info(test.description() + ": " + test.count() + " test images");
      DistributedEvaluator evaluator = new DistributedEvaluator(sc, test.batches(), test.classNames().size(),
          TaskThreads.forWorkers(sc, sc.defaultParallelism()));
      jobs.label("evaluate " + modelFolder.fileUri(modelName));
      EvaluationResult result = evaluator.evaluate(model.network());
      test.batches().unpersist(false);
      double loss = result.meanLoss() + model.network().calcRegularizationScore(true);
      ClassificationReport report = ClassificationReport.fromConfusionMatrix(result.confusion(), test.classNames());
      String folder =
          write(settings, sc.hadoopConfiguration(), modelFolder.fileUri(modelName), result, loss, report);
      info(String.format(Locale.ROOT, "accuracy %.4f, loss %.4f on %d test images", result.accuracy(), loss,
          result.examples()));
      console.println(report.toText());
      info("evaluation folder: " + folder);
      return new Summary(folder, modelFolder.fileUri(modelName), result.accuracy(), loss, report.toText());
    }
  }

  /**
   * The model a file URI names.
   *
   * @throws RunFailure if it cannot be read or is not an lrsched model
   */
  static ModelFile.Loaded readModel(String modelUri, Configuration hadoopConf) {
    String modelName = modelUri.substring(modelUri.lastIndexOf('/') + 1);
    RunFolder folder = folderOf(modelUri, hadoopConf);
    try {
      return ModelFile.fromZip(folder.readBytes(modelName), folder.fileUri(modelName));
    } catch (StorageException | IllegalArgumentException e) {
      throw new RunFailure(e.getMessage(), e);
    }
  }

  /** The pixel normalisation a model was trained with, from its metadata. */
  static Normalization normalization(ModelMetadata metadata) {
    return metadata.standardised()
        ? Normalization.standardize(metadata.mean(), metadata.std())
        : Normalization.unit();
  }

  private static String write(ExperimentSettings settings, Configuration hadoopConf, String model,
      EvaluationResult result, double loss, ClassificationReport report) {
    try {
      RunFolder out = RunFolder.create(settings.output().dir(), settings.name() + "-evaluate", hadoopConf);
      RunRecorder.writeConfig(out, settings, "evaluation");
      out.writeText(RunRecorder.REPORT, report.toText());
      out.writeText(RunRecorder.REPORT_CSV, report.toCsv());
      out.writeText("evaluation.txt", "model: " + model + "\nevaluated: " + Instant.now() + "\naccuracy: "
          + result.accuracy() + "\nloss: " + loss + "\nimages: " + result.examples() + "\n");
      return out.uri();
    } catch (StorageException | IllegalArgumentException e) {
      throw new RunFailure("output.dir = " + settings.output().dir() + ": " + e.getMessage(), e);
    }
  }

  private static RunFolder folderOf(String fileUri, Configuration hadoopConf) {
    int slash = fileUri.lastIndexOf('/');
    String parent = slash < 0 ? "." : slash == 0 ? "/" : fileUri.substring(0, slash);
    try {
      return RunFolder.open(parent, hadoopConf);
    } catch (StorageException | IllegalArgumentException e) {
      throw new RunFailure(e.getMessage(), e);
    }
  }

  private void info(String line) {
    console.println("[INFO] " + line);
  }
}
