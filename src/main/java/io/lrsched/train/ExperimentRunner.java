package io.lrsched.train;

import io.lrsched.checkpoint.Checkpoint;
import io.lrsched.checkpoint.CheckpointStore;
import io.lrsched.config.ConfigError;
import io.lrsched.config.ExperimentSettings;
import io.lrsched.config.ModelSettings;
import io.lrsched.config.OutputSettings;
import io.lrsched.config.ResumeCheck;
import io.lrsched.config.SettingsLoader;
import io.lrsched.config.TrainingSettings;
import io.lrsched.data.LabeledImage;
import io.lrsched.data.ModelInput;
import io.lrsched.data.Normalization;
import io.lrsched.model.ModelFile;
import io.lrsched.model.ModelMetadata;
import io.lrsched.model.ResNet;
import io.lrsched.report.EpochMetrics;
import io.lrsched.report.KerasLine;
import io.lrsched.report.MetricsCsv;
import io.lrsched.report.ProgressBar;
import io.lrsched.report.SettingsEcho;
import io.lrsched.schedule.EpochLrTable;
import io.lrsched.schedule.LearningRateSchedule;
import io.lrsched.schedule.ScheduleMessages;
import io.lrsched.storage.RunFolder;
import io.lrsched.storage.StorageException;
import io.lrsched.storage.WriteFence;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/**
 * The driver's side of one experiment: validate, load the data on the executors, then for every epoch broadcast the
 * epoch's learning-rate table, train it round by round with DL4J's parameter averaging, gather what every worker
 * applied, evaluate on the test split, record the epoch in the run folder and, every {@code output.checkpoint-every}
 * epochs, write a checkpoint from which {@link #resume} continues exactly where the run was.
 */
public final class ExperimentRunner {

  /** Relative tolerance between the LR a worker applied and the schedule's value. */
  static final double LR_TOLERANCE = 1e-9;

  /** The trained network at the end of a run. */
  public static final String MODEL = "model.zip";

  /** The network after the epoch with the best val_accuracy ({@code output.keep-best}). */
  public static final String MODEL_BEST = "model-best.zip";

  private final ExperimentSettings settings;
  private final PrintStream console;
  /** Set once the run folder exists, so that a failure after that marks the run failed in it. */
  private RunRecorder recorder;
  /** Told of every finished averaging round; null when no stall timeout applies (plain train runs). */
  private ProgressWatchdog watchdog;

  /**
   * @param settings the validated experiment
   * @param console where progress lines go (the tutorial's {@code [INFO]} lines and the per-epoch lines)
   */
  public ExperimentRunner(ExperimentSettings settings, PrintStream console) {
    this.settings = settings;
    this.console = console;
  }

  /**
   * The configuration to resume a run with: the run's own config.conf with the given overrides, which may only
   * change what does not change the result (see {@link ResumeCheck}).
   *
   * @param runFolderUri the run folder
   * @param overrides {@code key=value} strings
   * @return the validated settings
   * @throws ConfigError listing the keys that would change the result
   * @throws RunFailure if the folder or its config.conf cannot be read
   */
  public static ExperimentSettings resumeSettings(String runFolderUri, List<String> overrides) {
    RunFolder folder = openRunFolder(runFolderUri, SparkContexts.hadoopConfiguration());
    String text = RunRecorder.recordedConfig(folder);
    String source = folder.fileUri(RunRecorder.CONFIG);
    SettingsLoader loader = new SettingsLoader();
    ExperimentSettings recorded = loader.loadText(text, source, List.of());
    ExperimentSettings requested = loader.loadText(text, source, overrides);
    refuseResultChanges(recorded, requested, source);
    return requested;
  }

  private static void refuseResultChanges(ExperimentSettings recorded, ExperimentSettings requested, String source) {
    List<String> changed = ResumeCheck.resultKeysChanged(recorded, requested);
    if (!changed.isEmpty()) {
      throw new ConfigError("a resumed run keeps the settings that shape its result, but these differ from "
          + source + ": " + String.join(", ", changed)
          + " (only training.epochs, training.worker-prefetch and output.* may change)");
    }
  }

  /**
   * Runs the experiment to the end in a new run folder under {@code output.dir}.
   *
   * @return where the results went and the final figures
   */
  public RunSummary run() {
    return withSpark(sc -> train(sc, null, Optional.empty(), false, EpochListener.NONE));
  }

  /**
   * Continues a run from its newest intact checkpoint, in its own folder, with its own Spark context.
   *
   * @param runFolderUri the run folder
   * @param stretchSchedule whether the schedule's {@code auto} parameters follow an extended {@code training.epochs}
   *     (otherwise they keep the length the run started with)
   * @return the whole run's figures, resumed epochs included
   * @throws RunFailure if the folder has no intact checkpoint
   */
  public RunSummary resume(String runFolderUri, boolean stretchSchedule) {
    return withSpark(sc -> {
      RunFolder folder = openRunFolder(runFolderUri, sc.hadoopConfiguration());
      Checkpoint checkpoint = newestCheckpoint(folder)
          .orElseThrow(() -> new RunFailure(folder.uri() + " has no checkpoint to resume from (none was written"
              + " before the run stopped): start the experiment again with train EXPERIMENT.conf"));
      return train(sc, folder, Optional.of(checkpoint), stretchSchedule, EpochListener.NONE);
    });
  }

  /**
   * Runs the experiment into a given run folder, continuing from its newest intact checkpoint if it has one and
   * starting afresh there otherwise; calls {@code listener} after every epoch. For sweeps, which choose each trial's
   * folder and may stop trials early. A folder with a checkpoint must have been started with the same
   * result-shaping settings ({@link ResumeCheck}); {@code training.epochs} may be larger, the schedule's {@code auto}
   * parameters keep the length the run started with.
   *
   * @param sc the Spark context to use (not stopped here)
   * @param runFolderUri the run folder; created if missing
   * @param listener told after every epoch, may stop the run
   * @return the run's figures and whether it completed or was stopped
   * @throws ConfigError if the folder's recorded settings differ in result-shaping keys
   * @throws RunFailure if data or storage fail
   */
  public RunSummary runIn(JavaSparkContext sc, String runFolderUri, EpochListener listener) {
    return runIn(sc, runFolderUri, listener, WriteFence.NONE);
  }

  /**
   * As {@link #runIn(JavaSparkContext, String, EpochListener)}, writing into the folder only while {@code fence}
   * allows: it is checked before every file written or deleted and after every averaging round, and a refusal ends
   * the run with its {@link WriteFence.FencedOut}.
   */
  public RunSummary runIn(JavaSparkContext sc, String runFolderUri, EpochListener listener, WriteFence fence) {
    RunFolder folder;
    try {
      folder = RunFolder.at(runFolderUri, sc.hadoopConfiguration()).fencedBy(fence);
    } catch (StorageException | IllegalArgumentException e) {
      throw new RunFailure(e.getMessage(), e);
    }
    Optional<Checkpoint> checkpoint = newestCheckpoint(folder);
    if (checkpoint.isPresent()) {
      String source = folder.fileUri(RunRecorder.CONFIG);
      refuseResultChanges(
          new SettingsLoader().loadText(RunRecorder.recordedConfig(folder), source, List.of()), settings, source);
    }
    for (String line : SettingsEcho.lines(SettingsLoader.activeParameters(settings))) {
      info(line);
    }
    return train(sc, folder, checkpoint, false, listener);
  }

  /**
   * As {@link #runIn(JavaSparkContext, String, EpochListener, WriteFence)}, in a Spark context of its own, stopped
   * as a {@link RunFailure} once no averaging round has finished for {@code stallTimeout} ({@link ProgressWatchdog}).
   */
  public RunSummary runIn(String runFolderUri, EpochListener listener, WriteFence fence, Duration stallTimeout) {
    try (JavaSparkContext sc = SparkContexts.create("lrsched " + settings.name());
        ProgressWatchdog stalls = ProgressWatchdog.start(sc, stallTimeout)) {
      watchdog = stalls;
      try {
        return runIn(sc, runFolderUri, listener, fence);
      } catch (Exception e) {
        // Spark's job failure is a checked exception Scala does not declare: caught here, rethrown as it is.
        if (stalls.fired()) {
          throw new RunFailure(stalls.reason(), e);
        }
        throw e;
      }
    }
  }

  private RunSummary withSpark(java.util.function.Function<JavaSparkContext, RunSummary> body) {
    for (String line : SettingsEcho.lines(SettingsLoader.activeParameters(settings))) {
      info(line);
    }
    try (JavaSparkContext sc = SparkContexts.create("lrsched " + settings.name())) {
      return body.apply(sc);
    } catch (RuntimeException | Error e) {
      if (recorder != null && !(e instanceof TrainingDiverged)) { // recorded as diverged already
        recorder.recordFailure(e);
      }
      throw e;
    }
  }

  private Optional<Checkpoint> newestCheckpoint(RunFolder folder) {
    try {
      return new CheckpointStore(folder, settings.output().keepCheckpoints())
          .newest(warning -> console.println("[WARN] " + warning));
    } catch (StorageException e) {
      throw new RunFailure(e.getMessage(), e);
    }
  }

  private static RunFolder openRunFolder(String runFolderUri, Configuration hadoopConf) {
    try {
      return RunFolder.open(runFolderUri, hadoopConf);
    } catch (StorageException | IllegalArgumentException e) {
      throw new RunFailure(e.getMessage(), e);
    }
  }

  private RunSummary train(JavaSparkContext sc, RunFolder folder, Optional<Checkpoint> checkpoint,
      boolean stretchSchedule, EpochListener listener) {
    ModelSettings m = settings.model();
    TrainingSettings t = settings.training();
    OutputSettings o = settings.output();
    Optional<ModelFile.Loaded> restored =
        checkpoint.map(c -> ModelFile.fromZip(c.model(), "the checkpoint after epoch " + c.epochs()));
    // A restored network keeps the layout it was built with, whatever "auto" resolves to on this machine.
    boolean channelsLast = restored.map(r -> r.metadata().channelsLast()).orElseGet(() ->
        ModelSpecs.channelsLast(settings));
    info(settings.data().source().equals("synthetic")
        ? "loading synthetic data..."
        : "loading data (" + settings.data().source() + " at " + settings.data().path() + ")...");
    SparkJobLabels jobs = new SparkJobLabels(sc, "train", settings.name());
    jobs.label("loading data");
    TrainingData data = loadData(sc, channelsLast);
    int workers = checkpoint.map(Checkpoint::workers)
        .orElse(t.workers() > 0 ? t.workers() : sc.defaultParallelism());
    WorkerLayout layout = new WorkerLayout(workers, t.batchSize(), t.averagingFrequency());
    int steps = layout.stepsPerEpoch(data.trainCount());
    int rounds = layout.rounds(steps);
    info(data.description() + ": " + data.trainCount() + " training and " + data.testCount() + " test images, "
        + data.classNames().size() + " classes " + data.classNames());
    info(settings.data().holdsOutValidation()
        ? "validation: " + data.validationCount() + " images held out of the training split (data.validation-split"
            + " = " + settings.data().validationSplit() + "); the test split is evaluated once, at the end"
        : "validation: the test split (data.validation-split = 0, as the tutorial)");
    if (data.skippedCount() > 0) {
      info("skipped " + data.skippedCount() + " bad file(s) (data.on-bad-image = skip), e.g. "
          + data.skippedExamples().get(0));
    }
    info("inputs: " + data.input().imageSize() + "x" + data.input().imageSize() + ", normalisation "
        + data.input().normalization() + ", augmentation " + data.augmentation());
    info("parameter averaging: " + workers + " workers x " + layout.batchPerWorker() + " images per step, "
        + "averaging every " + t.averagingFrequency() + " steps; " + steps + " steps (" + rounds
        + " rounds) per epoch");
    if (checkpoint.isPresent() && checkpoint.get().stepsPerEpoch() != steps) {
      throw new RunFailure("the data gives " + steps + " steps per epoch, the checkpoint was taken with "
          + checkpoint.get().stepsPerEpoch() + ": the training split changed since the run started");
    }
    int firstEpoch = checkpoint.map(Checkpoint::epochs).orElse(0);
    if (firstEpoch > t.epochs()) {
      throw new ConfigError("training.epochs = " + t.epochs() + ": the run already has " + firstEpoch
          + " epochs; resume with --set training.epochs=N, N >= " + firstEpoch);
    }
    int scheduleEpochs = stretchSchedule ? t.epochs() : checkpoint.map(Checkpoint::scheduleEpochs).orElse(t.epochs());
    LearningRateSchedule schedule = ConfiguredSchedule.of(settings, steps, workers, scheduleEpochs);
    if (checkpoint.isPresent() && checkpoint.get().scheduleState().isPresent()) {
      schedule = schedule.restore(checkpoint.get().scheduleState().get());
    }
    info(ScheduleMessages.describe(schedule));
    // The run folder is made only once data, layout and schedule are known to be good: a failed start leaves none.
    recorder = checkpoint.isPresent() ? RunRecorder.resume(folder, settings, checkpoint.get())
        : folder != null ? RunRecorder.startIn(folder, settings)
        : RunRecorder.create(settings, sc.hadoopConfiguration());
    info("results go to " + recorder.uri());
    recorder.recordSpark(sc);
    recorder.recordData(data.input(), data.trainCount(), data.testCount(), data.skippedCount(),
        data.skippedExamples());
    ExecutorLossReporter losses = new ExecutorLossReporter(console);
    sc.sc().addSparkListener(losses);

    ComputationGraph graph = restored.map(ModelFile.Loaded::network).orElseGet(() ->
        ResNet.init(ModelSpecs.of(settings, data.classNames().size())));
    ModelMetadata metadata = metadata(data.input(), channelsLast);
    if (restored.isPresent() && !restored.get().metadata().equals(metadata)) {
      throw new RunFailure("the checkpoint's model has " + restored.get().metadata() + ", the data now gives "
          + metadata);
    }
    info("model: " + m.stages() + " modules, filters " + m.filters() + ", " + graph.numParams() + " parameters");
    StepRecordAccumulator stepRecords = new StepRecordAccumulator();
    sc.sc().register(stepRecords, "lrsched-steps");
    LrHook hook = new LrHook(stepRecords);
    TaskThreads threads = TaskThreads.forWorkers(sc, workers);
    info(threads.threads() + " native thread(s) per training task");
    SparkComputationGraph sparkNet =
        new SparkComputationGraph(sc, graph, trainingMaster(layout, hook, threads));
    DistributedEvaluator evaluator =
        new DistributedEvaluator(sc, data.validationBatches(), data.classNames().size(), threads);

    EpochBatches.Inputs inputs = new EpochBatches.Inputs(
        channelsLast, data.classNames().size(), data.augmentation(), data.input().normalization());
    MonitoredMetric monitored = MonitoredMetric.of(settings.schedule());
    List<EpochMetrics> history = new ArrayList<>(checkpoint.map(c -> MetricsCsv.parse(c.metricsCsv())).orElse(
        List.of()));
    Progress progress = new Progress(
        checkpoint.map(Checkpoint::bestEpoch).orElse(0),
        checkpoint.map(Checkpoint::bestValAccuracy).orElse(Double.NEGATIVE_INFINITY));
    CheckpointStore checkpoints = new CheckpointStore(recorder.folder(), o.keepCheckpoints());
    if (checkpoint.isPresent()) {
      info("resumed from the checkpoint after epoch " + firstEpoch + ": training epochs " + (firstEpoch + 1)
          + " to " + t.epochs() + (firstEpoch == t.epochs() ? " (none: the run is complete)" : ""));
    }
    EvaluationResult last = null;
    ProgressBar progressBar =
        new ProgressBar(console, ProgressBar.Mode.detect(), System::nanoTime, t.epochs(), t.batchSize());
    boolean stopped = false;
    DivergenceCheck divergence = new DivergenceCheck(t.divergenceLossFactor());
    for (int epoch = firstEpoch; epoch < t.epochs(); epoch++) {
      long start = System.nanoTime();
      progressBar.startEpoch(epoch + 1, steps);
      EpochLrTable table = EpochLrTable.of(schedule, epoch, steps);
      Broadcast<EpochLrTable> tableBroadcast = sc.broadcast(table);
      hook.startEpoch(tableBroadcast, epoch);
      jobs.round(epoch + 1, t.epochs(), 1, rounds); // the shuffle's jobs run with the first round
      EpochBatches batches =
          EpochBatches.shuffle(sc, data.trainIndexed(), data.trainCount(), layout, settings.seed(), epoch, inputs);
      stepRecords.reset();
      for (int round = 0; round < rounds; round++) {
        hook.startRound(round * t.averagingFrequency());
        jobs.round(epoch + 1, t.epochs(), round + 1, rounds);
        sparkNet.fit(batches.round(round));
        // A holder that lost its lease stops here rather than train on to its next write.
        recorder.folder().fence().check();
        if (watchdog != null) {
          watchdog.progressed();
        }
        progressBar.stepsDone(Math.min(steps, (round + 1) * t.averagingFrequency()));
        Optional<String> diverged = divergence.afterRound(stepRecords.value(), round * t.averagingFrequency(),
            history.isEmpty() ? Double.NaN : history.get(0).loss());
        if (diverged.isPresent()) {
          batches.release();
          data.release();
          sc.sc().removeSparkListener(losses);
          recorder.recordDiverged(diverged.get());
          throw new TrainingDiverged(diverged.get());
        }
      }
      batches.release();
      tableBroadcast.destroy();
      List<StepRecord> applied = stepRecords.value();
      reportLrMismatches(applied);

      jobs.evaluation(epoch + 1);
      last = evaluator.evaluate(sparkNet.getNetwork());
      double seconds = (System.nanoTime() - start) / 1e9;
      EpochMetrics metrics = EpochSummary.of(epoch, table, applied, last, seconds, steps, regularization(sparkNet));
      history.add(metrics);
      progressBar.endEpoch(seconds);
      console.println(KerasLine.format(metrics, t.epochs()));
      // DL4J's epoch counter, saved with the network; parameter averaging keeps only the iteration counter.
      sparkNet.getNetwork().getConfiguration().setEpochCount(epoch + 1);
      recorder.recordEpoch(history, applied, last, data.classNames());
      schedule = schedule.onEpochEnd(epoch, monitored.valueOf(metrics));

      if (o.keepBest() && metrics.valAccuracy() > progress.bestValAccuracy) {
        progress = new Progress(epoch + 1, metrics.valAccuracy());
        recorder.recordModel(MODEL_BEST, ModelFile.toZip(sparkNet.getNetwork(), metadata));
      }
      boolean due = (epoch + 1) % o.checkpointEvery() == 0 || epoch + 1 == t.epochs();
      if (due) {
        checkpoint(checkpoints, recorder, sparkNet.getNetwork(), metadata, history, epoch + 1, steps, workers,
            scheduleEpochs, schedule, progress);
      }
      if (listener.afterEpoch(epoch + 1, metrics) == EpochListener.Decision.STOP) {
        if (!due) {
          checkpoint(checkpoints, recorder, sparkNet.getNetwork(), metadata, history, epoch + 1, steps, workers,
              scheduleEpochs, schedule, progress);
        }
        stopped = epoch + 1 < t.epochs();
        if (stopped) {
          info("stopped after epoch " + (epoch + 1) + " of " + t.epochs() + " as asked; resumable from "
              + recorder.uri());
        }
        break;
      }
    }
    if (last == null) {
      jobs.evaluation(firstEpoch);
      last = evaluator.evaluate(sparkNet.getNetwork()); // nothing left to train: report on the restored network
    }
    sc.sc().removeSparkListener(losses);

    info("evaluating network...");
    if (settings.data().holdsOutValidation()) {
      FinalTest test = finalTest(sc, data, threads, sparkNet.getNetwork(), history.size(), progress);
      recorder.recordFinalTest(test);
      last = test.last();
    }
    String report = recorder.recordFinal(history, last, data.classNames());
    recorder.recordModel(MODEL, ModelFile.toZip(sparkNet.getNetwork(), metadata));
    console.println(report);
    data.release();
    jobs.clear();
    return new RunSummary(recorder.uri(), history, last, stopped);
  }

  /**
   * Evaluates the test split once, after training: the last network, and model-best.zip (chosen on the validation
   * set) when there is one.
   */
  private FinalTest finalTest(JavaSparkContext sc, TrainingData data, TaskThreads threads, ComputationGraph network,
      int epochs, Progress progress) {
    DistributedEvaluator test = new DistributedEvaluator(sc, data.testBatches(), data.classNames().size(), threads);
    EvaluationResult last = test.evaluate(network);
    double lastLoss = last.meanLoss() + network.calcRegularizationScore(true);
    RunFolder folder = recorder.folder();
    if (!settings.output().keepBest() || !folder.exists(MODEL_BEST)) {
      return new FinalTest(epochs, last, lastLoss, 0, null, Double.NaN);
    }
    ComputationGraph best;
    try {
      best = ModelFile.fromZip(folder.readBytes(MODEL_BEST), folder.fileUri(MODEL_BEST)).network();
    } catch (StorageException e) {
      throw new RunFailure(folder.fileUri(MODEL_BEST) + ": " + e.getMessage(), e);
    }
    EvaluationResult bestResult = test.evaluate(best);
    return new FinalTest(epochs, last, lastLoss, progress.bestEpoch(), bestResult,
        bestResult.meanLoss() + best.calcRegularizationScore(true));
  }

  /** The best val_accuracy so far, for model-best.zip. */
  private record Progress(int bestEpoch, double bestValAccuracy) {}

  private void checkpoint(CheckpointStore store, RunRecorder recorder, ComputationGraph network,
      ModelMetadata metadata, List<EpochMetrics> history, int epochs, int steps, int workers, int scheduleEpochs,
      LearningRateSchedule schedule, Progress progress) {
    long start = System.nanoTime();
    Checkpoint checkpoint = new Checkpoint(epochs, steps, workers, scheduleEpochs, schedule.snapshot(),
        progress.bestEpoch(), progress.bestValAccuracy(), MetricsCsv.toCsv(history), recorder.lrAppliedCsv(),
        ModelFile.toZip(network, metadata));
    CheckpointStore.Written written;
    try {
      written = store.write(checkpoint);
    } catch (StorageException e) {
      throw new RunFailure(e.getMessage() + " (the previous checkpoint is intact: resume with train --resume "
          + recorder.uri() + ")", e);
    }
    info(String.format(Locale.ROOT, "checkpoint after epoch %d: %.1f kB in %.2f s, %s -> %s", epochs,
        written.bytes() / 1e3, (System.nanoTime() - start) / 1e9, written.at(), written.uri()));
  }

  /** What the saved model records about its inputs: the data's classes, input size and normalisation. */
  static ModelMetadata metadata(ModelInput input, boolean channelsLast) {
    int size = input.imageSize();
    Normalization n = input.normalization();
    return n.kind().equals(Normalization.STANDARDIZE)
        ? new ModelMetadata(input.classNames(), size, size, LabeledImage.CHANNELS, channelsLast, n.mean(), n.std())
        : ModelMetadata.unitScaled(input.classNames(), size, size, LabeledImage.CHANNELS, channelsLast);
  }

  /**
   * Reads the data; a source that cannot be read is the user's to fix: one line, exit 1. A bad file found on an
   * executor arrives inside Spark's job failure; its own message is what the user needs (the trace is in the log).
   */
  private TrainingData loadData(JavaSparkContext sc, boolean channelsLast) {
    try {
      return TrainingData.load(sc, settings.data(), settings.seed(), channelsLast);
    } catch (Exception e) {
      // Spark's job failure is a checked exception Scala does not declare: caught here, rethrown as it is.
      RunFailure failure = RunFailure.fromDataLoad(e, settings.data());
      if (failure != null) {
        throw failure;
      }
      throw e;
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
