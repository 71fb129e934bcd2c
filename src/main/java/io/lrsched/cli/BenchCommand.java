package io.lrsched.cli;

import io.lrsched.bench.BenchOptions;
import io.lrsched.bench.BenchResult;
import io.lrsched.bench.CheckpointTiming;
import io.lrsched.bench.DecodeBenchmark;
import io.lrsched.bench.ModelBenchmark;
import io.lrsched.bench.SparkInference;
import io.lrsched.bench.SparkThroughput;
import io.lrsched.config.ExperimentSettings;
import io.lrsched.model.ResNet;
import io.lrsched.model.ResNetSpec;
import io.lrsched.train.ModelSpecs;
import io.lrsched.train.SparkContexts;
import io.lrsched.train.WorkerLayout;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lrsched bench [EXPERIMENT.conf]}: training and inference speed of the experiment's model in one DL4J
 * process, then training speed through Spark with parameter averaging at the same total cores and global batch.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure training and inference images/s of the experiment's model (default: the tutorial's), "
        + "in one process and through Spark local[N] with parameter averaging.")
final class BenchCommand implements Callable<Integer>, NativeCommand {

  @Mixin ExperimentOptions experiment;

  @Option(names = "--batch", paramLabel = "N", description = "Shorthand for --set training.batch-size=N.")
  Integer batch;

  @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--steps", defaultValue = "3", description = "Timed steps (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--peak-gflops",
      defaultValue = "NaN",
      description = "The machine's fp32 peak, to print the share reached (e.g. 400 for 2 AVX-512 FMA cores).")
  double peakGflops;

  @Option(
      names = "--spark-workers",
      defaultValue = "0",
      description = "Also measure through Spark local[N] with N parameter-averaging workers (0 = skip).")
  int sparkWorkers;

  @Option(
      names = "--spark-rounds",
      defaultValue = "2",
      description = "Timed averaging rounds through Spark (default ${DEFAULT-VALUE}).")
  int sparkRounds;

  private ExperimentSettings settings;

  @Override
  public void prepare() {
    settings = experiment.loadWithoutData(batch == null ? List.of() : List.of("training.batch-size=" + batch));
  }

  @Override
  public Integer call() {
    int batch = settings.training().batchSize();
    // No data is read: the network's head has data.synthetic.classes outputs, as a synthetic run's would.
    ResNetSpec spec = ModelSpecs.of(settings, settings.data().syntheticClasses());
    ComputationGraph network = ResNet.init(spec);
    // What a parameter-averaging round moves: parameters down and up, and the updater state with save-updater.
    System.out.println("parameters: " + network.numParams() + " (updater state: "
        + network.getUpdater().getStateViewArray().length() + ")");
    BenchResult single =
        ModelBenchmark.run(new BenchOptions(spec, batch, warmup, steps, peakGflops, WorkspaceMode.ENABLED));
    System.out.println(single);
    // One step first, so that the momentum is non-zero and the zip as large as after training.
    network.fit(ModelBenchmark.syntheticBatch(spec, batch));
    System.out.println(CheckpointTiming.measure(network, spec));
    System.out.println(DecodeBenchmark.run(2000));
    if (sparkWorkers > 0) {
      if (System.getProperty("spark.master") == null) {
        System.setProperty("spark.master", "local[" + sparkWorkers + "]");
      }
      WorkerLayout layout =
          new WorkerLayout(sparkWorkers, batch, settings.training().averagingFrequency());
      try (JavaSparkContext sc = SparkContexts.create("lrsched bench")) {
        SparkThroughput.Result spark = SparkThroughput.measure(sc, spec, layout, sparkRounds, settings.training(), settings.seed());
        System.out.println(spark);
        System.out.println(spark.split());
        System.out.printf("spark / single process: %.0f%% of %.2f images/s%n",
            100 * spark.imagesPerSecond() / single.trainImagesPerSecond(), single.trainImagesPerSecond());
        System.out.println(SparkInference.measure(sc, spec, sparkWorkers, batch, 4, sparkRounds));
      }
    }
    return 0;
  }
}
