package io.lrsched.train;

import io.lrsched.config.ConfigError;
import io.lrsched.config.ExperimentSettings;
import io.lrsched.config.ModelSettings;
import io.lrsched.config.SettingsLoader;
import io.lrsched.config.TrainingSettings;
import io.lrsched.model.ResNet;
import io.lrsched.report.EpochMetrics;
import io.lrsched.report.KerasLine;
import io.lrsched.report.SettingsEcho;
import io.lrsched.schedule.EpochLrTable;
import io.lrsched.schedule.LearningRateSchedule;
import io.lrsched.schedule.ScheduleContext;
import io.lrsched.schedule.ScheduleMessages;
import io.lrsched.schedule.ScheduleRegistry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/**
 * The driver's side of one experiment: validate, load the data on the executors, then for every epoch broadcast the
 * epoch's learning-rate table, train it round by round with DL4J's parameter averaging, gather what every worker
 * applied, evaluate on the test split, and record the epoch in the run folder.
 */
public final class ExperimentRunner {

  /** Relative tolerance between the LR a worker applied and the schedule's value. */
  static final double LR_TOLERANCE = 1e-9;

  private final ExperimentSettings settings;
  private final PrintStream console;

  /**
   * @param settings the validated experiment
   * @param console where progress lines go (the tutorial's {@code [INFO]} lines and the per-epoch lines)
   */
  public ExperimentRunner(ExperimentSettings settings, PrintStream console) {
    this.settings = settings;
    this.console = console;
  }

  /**
   * Validates what needs no Spark (the schedule's parameters), so that a bad experiment fails before any cluster
   * resources are taken.
   *
   * @return the schedule as configured, for an epoch length to be fixed once the data is counted
   * @throws ConfigError for a bad schedule
   */
  public LearningRateSchedule validate() {
    return schedule(1, 1);
  }

  private LearningRateSchedule schedule(int stepsPerEpoch, int workers) {
    TrainingSettings t = settings.training();
    try {
      return ScheduleRegistry.fromConfig(
          settings.schedule().block(), new ScheduleContext(t.lr(), t.epochs(), stepsPerEpoch, workers));
    } catch (IllegalArgumentException e) {
      throw new ConfigError(settings.source() + ": " + e.getMessage());
    }
  }

  /**
   * Runs the experiment to the end (call {@link #validate()} first to fail before Spark starts; the schedule is
   * built again here once the epoch length is known).
   *
   * @return where the results went and the final figures
   */
  public RunSummary run() {
    for (String line : SettingsEcho.lines(SettingsLoader.activeParameters(settings))) {
      info(line);
    }
    try (JavaSparkContext sc = SparkContexts.create("lrsched " + settings.name())) {
      return train(sc);
    }
  }

  private RunSummary train(JavaSparkContext sc) {
    ModelSettings m = settings.model();
    boolean channelsLast = ModelSpecs.channelsLast(settings);
    info(settings.data().source().equals("synthetic")
        ? "loading synthetic CIFAR-shaped data..."
        : "loading CIFAR-10 data (" + settings.data().source() + " at " + settings.data().path() + ")...");
    TrainingData data = loadData(sc, channelsLast);
    TrainingSettings t = settings.training();
    int workers = t.workers() > 0 ? t.workers() : sc.defaultParallelism();
    WorkerLayout layout = new WorkerLayout(workers, t.batchSize(), t.averagingFrequency());
    int steps = layout.stepsPerEpoch(data.trainCount());
    int rounds = layout.rounds(steps);
    info(data.description() + ": " + data.trainCount() + " training and " + data.testCount() + " test images, "
        + data.classNames().size() + " classes");
    info("parameter averaging: " + workers + " workers x " + layout.batchPerWorker() + " images per step, "
        + "averaging every " + t.averagingFrequency() + " steps; " + steps + " steps (" + rounds
        + " rounds) per epoch");

    LearningRateSchedule schedule = schedule(steps, workers);
    info(ScheduleMessages.describe(schedule));
    // The run folder is made only once data, layout and schedule are known to be good: a failed start leaves none.
    RunRecorder recorder = RunRecorder.create(settings);
    info("results go to " + recorder.uri());
    recorder.recordSpark(sc);

    ComputationGraph graph = ResNet.init(ModelSpecs.of(settings));
    info("model: " + m.stages() + " modules, filters " + m.filters() + ", " + graph.numParams() + " parameters");
    CollectionAccumulator<StepRecord> stepRecords = sc.sc().collectionAccumulator("lrsched-steps");
    LrHook hook = new LrHook(stepRecords);
    TaskThreads threads = TaskThreads.forWorkers(sc, workers);
    info(threads.threads() + " native thread(s) per training task");
    SparkComputationGraph sparkNet =
        new SparkComputationGraph(sc, graph, trainingMaster(layout, hook, threads));
    DistributedEvaluator evaluator =
        new DistributedEvaluator(sc, data.testBatches(), data.classNames().size(), threads);

    MonitoredMetric monitored = MonitoredMetric.of(settings.schedule());
    List<EpochMetrics> history = new ArrayList<>();
    EvaluationResult last = null;
    for (int epoch = 0; epoch < t.epochs(); epoch++) {
      long start = System.nanoTime();
      EpochLrTable table = EpochLrTable.of(schedule, epoch, steps);
      Broadcast<EpochLrTable> tableBroadcast = sc.broadcast(table);
      hook.startEpoch(tableBroadcast, epoch);
      EpochBatches batches =
          EpochBatches.shuffle(sc, data.trainIndexed(), data.trainCount(), layout, settings.seed(), epoch,
              channelsLast, data.classNames().size());
      stepRecords.reset();
      for (int round = 0; round < rounds; round++) {
        hook.startRound(round * t.averagingFrequency());
        sparkNet.fit(batches.round(round));
      }
      batches.release();
      tableBroadcast.destroy();
      List<StepRecord> applied = new ArrayList<>(stepRecords.value());
      reportLrMismatches(applied);

      last = evaluator.evaluate(sparkNet.getNetwork());
      double seconds = (System.nanoTime() - start) / 1e9;
      EpochMetrics metrics = EpochSummary.of(epoch, table, applied, last, seconds, steps, regularization(sparkNet));
      history.add(metrics);
      console.println(KerasLine.format(metrics, t.epochs()));
      recorder.recordEpoch(history, applied);
      schedule = schedule.onEpochEnd(epoch, monitored.valueOf(metrics));
    }

    info("evaluating network...");
    String report = recorder.recordFinal(history, last, data.classNames());
    console.println(report);
    data.release();
    return new RunSummary(recorder.uri(), history, last);
  }

  /** Reads the data; a source that cannot be read is the user's to fix: one line, exit 1. */
  private TrainingData loadData(JavaSparkContext sc, boolean channelsLast) {
    try {
      return TrainingData.load(sc, settings.data(), settings.seed(), channelsLast);
    } catch (IllegalArgumentException e) {
      throw new RunFailure("data.source = " + settings.data().source() + ", data.path = " + settings.data().path()
          + ": " + e.getMessage(), e);
    }
  }

  private static double regularization(SparkComputationGraph sparkNet) {
    return sparkNet.getNetwork().calcRegularizationScore(true);
  }

  private ParameterAveragingTrainingMaster trainingMaster(
      WorkerLayout layout, LrHook hook, TaskThreads threads) {
    TrainingSettings t = settings.training();
    return TrainingMasters.parameterAveraging(
        layout, t.workerPrefetch(), t.saveUpdater(), settings.seed(), threads, hook);
  }

  private void reportLrMismatches(List<StepRecord> applied) {
    for (StepRecord r : applied) {
      if (!(r.relativeLrError() <= LR_TOLERANCE)) {
        System.err.printf("[ERROR] epoch %d step %d worker %d (executor %s, pid %d) applied lr %.10g, the schedule"
            + " says %.10g%n", r.epoch() + 1, r.step(), r.worker(), r.executor(), r.pid(), r.lr(), r.expectedLr());
      }
    }
  }

  private void info(String line) {
    console.println("[INFO] " + line);
  }
}
