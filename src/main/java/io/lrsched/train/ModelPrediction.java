package io.lrsched.train;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.data.BadInputException;
import io.lrsched.data.Decoded;
import io.lrsched.data.ImageFit;
import io.lrsched.data.LabeledImage;
import io.lrsched.data.Minibatches;
import io.lrsched.data.Normalization;
import io.lrsched.data.UnlabelledImages;
import io.lrsched.model.ModelFile;
import io.lrsched.model.ModelMetadata;
import io.lrsched.report.PredictionsCsv;
import io.lrsched.storage.RunFolder;
import io.lrsched.storage.StorageException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import scala.Tuple2;

/**
 * Applies a saved model to new, unlabelled images on Spark ({@code lrsched predict}): a folder, a {@code .tar.gz} or a
 * table of images is decoded on the executors with the model's input size and normalisation (and the run's
 * {@code data.resize}), classified there, and written to one CSV (see {@link PredictionsCsv}) sorted by key, through
 * a temporary name. Images that cannot be used fail the command or, with {@code data.on-bad-image = skip}, are left
 * out and counted.
 */
public final class ModelPrediction {

  /** Images per forward pass on an executor, as in evaluation. */
  private static final int BATCH = 256;

  /** Bad images named in the log when skipping; the rest are counted. */
  private static final int SKIPPED_SHOWN = 20;

  private final PrintStream console;

  /** @param console where progress goes */
  public ModelPrediction(PrintStream console) {
    this.console = console;
  }

  /**
   * What a prediction wrote.
   *
   * @param out the CSV's URI
   * @param images images predicted (lines of the CSV after its header)
   * @param skipped images left out as unusable
   */
  public record Summary(String out, long images, long skipped) {}

  /**
   * What to predict and where the predictions go.
   *
   * @param modelOrRun a model zip or a run folder
   * @param best with a run folder: its model-best.zip instead of model.zip
   * @param images a folder or {@code .tar.gz} of images, or a table's path or name
   * @param table whether {@code images} is a table (read with the settings' {@code data.table} format and columns)
   * @param out the CSV's path or URI; its folder must exist
   * @param top most probable classes per line, at least 1 (fewer when the model has fewer classes)
   */
  public record Request(String modelOrRun, boolean best, String images, boolean table, String out, int top) {}

  /**
   * Predicts and writes the CSV.
   *
   * @param settings the run's settings (for {@code data.resize}, {@code data.on-bad-image}, {@code data.partitions}
   *     and {@code data.table})
   * @throws RunFailure if the model, the images or the output cannot be read or written
   */
  public Summary predict(Request request, ExperimentSettings settings) {
    try (JavaSparkContext sc = SparkContexts.create("lrsched predict")) {
      String modelUri = ModelEvaluation.modelUri(request.modelOrRun(), request.best());
      ModelFile.Loaded model = ModelEvaluation.readModel(modelUri, sc.hadoopConfiguration());
      ModelMetadata metadata = model.metadata();
      info("model " + modelUri + ": " + metadata);
      ImageFit fit = new ImageFit(metadata.height(), ImageFit.Resize.of(settings.data().resize()));
      JavaPairRDD<String, Decoded> decoded = decode(sc, request, settings, fit);
      try {
        long skipped = checkBad(decoded, request.images(), settings.data().skipBadImages());
        // Cached: sorting samples the keys first, and the network should run once per image.
        JavaPairRDD<String, String> lines =
            classify(sc, decoded, model.network(), metadata, request.top()).persist(StorageLevel.MEMORY_ONLY());
        long written = write(lines, request.out(), Math.min(request.top(), metadata.classNames().size()), sc);
        lines.unpersist(false);
        info(written + " predictions written to " + request.out()
            + (skipped > 0 ? "; " + skipped + " unusable images left out" : ""));
        return new Summary(request.out(), written, skipped);
      } finally {
        decoded.unpersist(false);
      }
    }
  }

  private static JavaPairRDD<String, Decoded> decode(
      JavaSparkContext sc, Request request, ExperimentSettings settings, ImageFit fit) {
    try {
      JavaPairRDD<String, Decoded> decoded = UnlabelledImages.read(sc, request.images(),
          request.table() ? TrainingData.tableSpec(settings.data(), request.images()) : null,
          settings.data().partitions(), fit).persist(StorageLevel.MEMORY_ONLY());
      decoded.count(); // decodes everything into the cache, so a listing problem surfaces here
      return decoded;
    } catch (RuntimeException e) {
      throw imagesFailure(e, request.images());
    }
  }

  /** Fails on the first bad image, or counts and lists them when skipping. */
  private long checkBad(JavaPairRDD<String, Decoded> decoded, String images, boolean skip) {
    JavaPairRDD<String, Decoded> bad = decoded.filter(d -> d._2().isBad());
    long count = bad.count();
    if (count == 0) {
      return 0;
    }
    List<String> problems = bad.map(d -> d._2().problem()).takeOrdered(skip ? SKIPPED_SHOWN : 1);
    if (!skip) {
      throw new RunFailure(problems.get(0) + " (data.on-bad-image = skip leaves such files out)");
    }
    problems.forEach(p -> info("skipped " + p));
    if (count > problems.size()) {
      info("... and " + (count - problems.size()) + " more unusable images in " + images);
    }
    return count;
  }

  /** Each good image's CSV line, keyed by the image's key; the network runs on the executors. */
  private static JavaPairRDD<String, String> classify(JavaSparkContext sc, JavaPairRDD<String, Decoded> decoded,
      ComputationGraph network, ModelMetadata metadata, int top) {
    Broadcast<DistributedEvaluator.Snapshot> snapshot = sc.broadcast(
        new DistributedEvaluator.Snapshot(network.getConfiguration().toJson(), network.params().dup()));
    TaskThreads threads = TaskThreads.forWorkers(sc, sc.defaultParallelism());
    Normalization normalization = ModelEvaluation.normalization(metadata);
    List<String> classes = metadata.classNames();
    boolean channelsLast = metadata.channelsLast();
    int k = Math.min(top, classes.size());
    return decoded
        .filter(d -> !d._2().isBad())
        .mapValues(Decoded::image)
        .mapPartitionsToPair(it -> {
          threads.apply();
          return classifyPartition(snapshot.value(), it, classes, channelsLast, normalization, k);
        });
  }

  private static Iterator<Tuple2<String, String>> classifyPartition(DistributedEvaluator.Snapshot snapshot,
      Iterator<Tuple2<String, LabeledImage>> it, List<String> classes, boolean channelsLast,
      Normalization normalization, int top) {
    List<Tuple2<String, String>> lines = new ArrayList<>();
    if (!it.hasNext()) {
      return lines.iterator();
    }
    ComputationGraph net = snapshot.network();
    List<String> keys = new ArrayList<>(BATCH);
    List<LabeledImage> images = new ArrayList<>(BATCH);
    while (it.hasNext()) {
      Tuple2<String, LabeledImage> next = it.next();
      keys.add(next._1());
      images.add(next._2());
      if (images.size() == BATCH || !it.hasNext()) {
        INDArray features = Minibatches.toDataSet(images, channelsLast, classes.size(), normalization).getFeatures();
        INDArray probabilities = net.outputSingle(false, features);
        for (int i = 0; i < keys.size(); i++) {
          float[] p = probabilities.getRow(i).toFloatVector();
          lines.add(new Tuple2<>(keys.get(i), PredictionsCsv.row(keys.get(i), classes, p, top)));
        }
        keys.clear();
        images.clear();
      }
    }
    return lines.iterator();
  }

  /** Writes the lines sorted by key through a temporary file; returns how many. */
  private static long write(JavaPairRDD<String, String> lines, String out, int top, JavaSparkContext sc) {
    int slash = out.lastIndexOf('/');
    String folder = slash < 0 ? "." : slash == 0 ? "/" : out.substring(0, slash);
    String name = out.substring(slash + 1);
    long[] written = {0};
    try {
      RunFolder.open(folder, sc.hadoopConfiguration()).write(name, stream -> {
        stream.write(PredictionsCsv.header(top).getBytes(StandardCharsets.UTF_8));
        Iterator<String> sorted = lines.sortByKey().values().toLocalIterator();
        while (sorted.hasNext()) {
          stream.write(sorted.next().getBytes(StandardCharsets.UTF_8));
          written[0]++;
        }
      });
    } catch (StorageException e) {
      throw new RunFailure("--out " + out + ": " + e.getMessage(), e);
    }
    return written[0];
  }

  /** A failure while reading the images as the user should see it; anything else is rethrown as it is. */
  private static RunFailure imagesFailure(RuntimeException e, String images) {
    BadInputException bad = BadInputException.find(e);
    if (bad != null) {
      return new RunFailure(bad.getMessage(), e);
    }
    if (e instanceof IllegalArgumentException) {
      return new RunFailure("IMAGES " + images + ": " + e.getMessage(), e);
    }
    throw e;
  }

  private void info(String line) {
    console.println("[INFO] " + line);
  }
}
