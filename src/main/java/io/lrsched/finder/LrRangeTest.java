package io.lrsched.finder;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.config.LrFinderSettings;
import io.lrsched.config.SettingsLoader;
import io.lrsched.data.LabeledImage;
import io.lrsched.data.Minibatches;
import io.lrsched.model.LearningRateControl;
import io.lrsched.model.ResNet;
import io.lrsched.report.LrFinderPlot;
import io.lrsched.report.SettingsEcho;
import io.lrsched.storage.RunFolder;
import io.lrsched.storage.StorageException;
import io.lrsched.train.ModelSpecs;
import io.lrsched.train.RunFailure;
import io.lrsched.train.RunRecorder;
import io.lrsched.train.SparkContexts;
import io.lrsched.train.SparkJobLabels;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The learning-rate range test ({@code lrsched lr-find}): trains the experiment's network from its initial weights
 * for a number of minibatches while the LR grows exponentially, records the loss of every minibatch, and suggests an
 * initial LR (see {@link LrFinderResult}).
 *
 * <p>Why one process: the test needs strictly sequential steps, each seeing the weights the previous LR produced;
 * parameter averaging would mix several LRs into one update. So Spark only reads a sample of the training data
 * through the experiment's data source; the sweep itself runs on the driver with a local DL4J network, with the
 * experiment's global batch as its minibatch, its momentum and its regularisation. The LR is set before every step
 * with {@link LearningRateControl#set}, as the workers' hook does in training.
 */
public final class LrRangeTest {
  /** File names in the run folder. */
  static final String CSV = "lr-find.csv";

  static final String PNG = "lr-find.png";
  static final String SUGGESTION = "suggestion.txt";

  private final ExperimentSettings settings;
  private final LrFinderSettings finder;
  private final PrintStream console;

  /**
   * @param settings the validated experiment: data source, model, batch size, momentum, output folder
   * @param console where progress lines go
   */
  public LrRangeTest(ExperimentSettings settings, PrintStream console) {
    this.settings = settings;
    this.finder = settings.lrFinder();
    this.console = console;
  }

  /**
   * What a finished range test produced.
   *
   * @param runFolder the run folder's URI
   * @param result the sweep and its suggestions
   */
  public record Summary(String runFolder, LrFinderResult result) {}

  /**
   * Runs the sweep and writes {@code lr-find.csv}, {@code lr-find.png}, {@code suggestion.txt} and the resolved
   * {@code config.conf} into a new run folder {@code <output.dir>/<name>-lr-find-<time>}.
   *
   * @throws RunFailure if the data is missing or the output cannot be written
   */
  public Summary run() {
    for (String line : SettingsEcho.lines(SettingsLoader.activeParameters(settings))) {
      info(line);
    }
    info(String.format(Locale.ROOT,
        "lr range test: %d minibatches of %d images, lr %.3e to %.3e (exponential), smoothing %s, stop at %s x"
            + " the best smoothed loss",
        finder.batches(), settings.training().batchSize(), finder.minLr(), finder.maxLr(), finder.smoothing(),
        finder.stopFactor()));
    int batch = settings.training().batchSize();
    int wanted = (int) Math.min(Integer.MAX_VALUE, (long) finder.batches() * batch);
    RunFolder folder;
    FinderSample.Loaded sample;
    try (JavaSparkContext sc = SparkContexts.create("lrsched lr-find " + settings.name())) {
      info("loading a sample of the training data...");
      try {
        new SparkJobLabels(sc, "lr-find", settings.name()).label("loading " + wanted + " training images");
        sample = FinderSample.load(sc, settings.data(), settings.seed(), wanted);
      } catch (Exception e) {
        // Spark's job failure is a checked exception Scala does not declare: caught here, rethrown as it is.
        RunFailure failure = RunFailure.fromDataLoad(e, settings.data());
        if (failure != null) {
          throw failure;
        }
        throw e;
      }
      // After the data: a bad data set leaves no folder behind. Spark's Hadoop configuration carries the
      // spark.hadoop.* settings the output's file system may need.
      folder = createFolder(sc.hadoopConfiguration());
      info("results go to " + folder.uri());
    }
    info(sample.description() + ": " + sample.images().size() + " training images sampled"
        + (sample.images().size() < wanted ? " (fewer than the sweep needs: they are reused, reshuffled)" : ""));

    ComputationGraph graph = ResNet.init(ModelSpecs.of(settings, sample.classNames().size()));
    info("model: " + settings.model().stages() + " modules, filters " + settings.model().filters() + ", "
        + graph.numParams() + " parameters");
    LrFinderResult result = sweep(graph, new BatchCycle(sample.images(), batch, settings.seed()), sample);

    write(folder, CSV, result.toCsv());
    write(folder, SUGGESTION, result.suggestionText());
    byte[] png = new LrFinderPlot().toPng(result.lrs(), result.losses(), result.smoothed(), result.suggestedLr());
    try {
      folder.writeBytes(PNG, png);
    } catch (StorageException e) {
      throw new RunFailure(folder.fileUri(PNG) + ": " + e.getMessage(), e);
    }
    for (String line : result.suggestionText().split("\n")) {
      info(line);
    }
    return new Summary(folder.uri(), result);
  }

  private LrFinderResult sweep(ComputationGraph graph, BatchCycle batches, FinderSample.Loaded sample) {
    boolean channelsLast = ModelSpecs.channelsLast(settings);
    LrFinderCurve curve = new LrFinderCurve(finder.smoothing(), finder.stopFactor());
    int report = Math.max(1, finder.batches() / 10);
    for (int i = 0; i < finder.batches(); i++) {
      double lr = finder.lrAt(i);
      LearningRateControl.set(graph, lr);
      DataSet minibatch = Minibatches.toDataSet(
          batches.next(), channelsLast, sample.classNames().size(), sample.normalization());
      graph.fit(minibatch);
      // The score includes the L2 term, as Keras' reported loss does.
      double loss = graph.score();
      boolean goOn = curve.add(lr, loss);
      if (i % report == 0 || !goOn || i == finder.batches() - 1) {
        double[] smoothed = curve.result().smoothed();
        console.printf(Locale.ROOT, "%d/%d - lr: %.3e - loss: %.4f - smoothed: %.4f%n",
            i + 1, finder.batches(), lr, loss, smoothed[smoothed.length - 1]);
      }
      if (!goOn) {
        info("stopped after " + (i + 1) + " minibatches: the smoothed loss exceeded " + finder.stopFactor()
            + " x its best");
        break;
      }
    }
    return curve.result();
  }

  private RunFolder createFolder(Configuration hadoopConf) {
    try {
      RunFolder folder = RunFolder.create(settings.output().dir(), settings.name() + "-lr-find", hadoopConf);
      RunRecorder.writeConfig(folder, settings, "range test");
      return folder;
    } catch (StorageException e) {
      throw new RunFailure("output.dir = " + settings.output().dir() + ": " + e.getMessage(), e);
    }
  }

  private static void write(RunFolder folder, String name, String text) {
    try {
      folder.writeText(name, text);
    } catch (StorageException e) {
      throw new RunFailure(folder.fileUri(name) + ": " + e.getMessage(), e);
    }
  }

  private void info(String line) {
    console.println("[INFO] " + line);
  }

  /**
   * Endless minibatches over the sample: each pass is a fresh seeded shuffle, and every minibatch has the full batch
   * size (a pass's leftover images start the next minibatch), so every step of the sweep is alike.
   */
  static final class BatchCycle {
    private final List<LabeledImage> images;
    private final int batchSize;
    private final Random random;
    private final List<LabeledImage> order = new ArrayList<>();
    private int position;

    BatchCycle(List<LabeledImage> images, int batchSize, long seed) {
      if (images.isEmpty() || batchSize < 1) {
        throw new IllegalArgumentException("need at least one image and a batch size >= 1");
      }
      this.images = images;
      this.batchSize = batchSize;
      this.random = new Random(seed);
    }

    List<LabeledImage> next() {
      List<LabeledImage> batch = new ArrayList<>(batchSize);
      while (batch.size() < batchSize) {
        if (position == order.size()) {
          order.clear();
          order.addAll(images);
          Collections.shuffle(order, random);
          position = 0;
        }
        batch.add(order.get(position++));
      }
      return batch;
    }
  }
}
