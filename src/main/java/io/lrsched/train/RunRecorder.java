package io.lrsched.train;

import io.lrsched.checkpoint.Checkpoint;
import io.lrsched.config.ExperimentSettings;
import io.lrsched.config.SettingsLoader;
import io.lrsched.data.ModelInput;
import io.lrsched.report.AppliedLrCurve;
import io.lrsched.report.BuildInfo;
import io.lrsched.report.ClassificationReport;
import io.lrsched.report.ConfusionMatrixPlot;
import io.lrsched.report.EpochMetrics;
import io.lrsched.report.LearningRatePlot;
import io.lrsched.report.MetricsCsv;
import io.lrsched.report.PlotSeries;
import io.lrsched.report.RunReportPage;
import io.lrsched.report.SettingsEcho;
import io.lrsched.report.TrainingPlot;
import io.lrsched.results.RunRecord;
import io.lrsched.results.SettingsDiff;
import io.lrsched.storage.RunFolder;
import io.lrsched.storage.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Writes a run's folder: its provenance and index entry ({@code run.json}) at the start, its metrics, index entry
 * and {@code report.html} after every epoch (so an interrupted run keeps what it finished), and its report and plots
 * at the end. Every file is written atomically by {@link RunFolder}.
 */
public final class RunRecorder {

  static final String CONFIG = "config.conf";
  static final String PROVENANCE = "provenance.txt";
  static final String METRICS = "metrics.csv";
  static final String LR_APPLIED = "lr-applied.csv";
  static final String REPORT = "classification-report.txt";
  static final String REPORT_CSV = "classification-report.csv";
  static final String DATA = "data.conf";
  static final String HTML_REPORT = "report.html";
  static final String CONFUSION_CSV = "confusion-matrix.csv";
  static final String CONFUSION_PNG = "confusion-matrix.png";
  static final String LR_LOG_PLOT = "lr-log.png";
  static final String TEST_METRICS = "test-metrics.csv";

  private final ExperimentSettings settings;
  private final RunFolder folder;
  private final StringBuilder lrApplied = new StringBuilder("epoch,step,worker,executor,pid,lr,expected_lr\n");
  private final StringBuilder provenance = new StringBuilder();
  private final BuildInfo build = BuildInfo.current();
  /** When the run started; a resumed run keeps its first start (from its run.json). */
  private Instant started = Instant.now();
  /** What the HTML report's provenance table shows, in display order. */
  private final Map<String, String> facts = new LinkedHashMap<>();
  private final List<AppliedLrCurve.Step> appliedSteps = new ArrayList<>();
  private List<EpochMetrics> history = List.of();
  private long[][] confusion;
  private List<String> classNames = List.of();
  private JavaSparkContext spark;
  /** Where the run resumed from (checkpoint and epoch); stays null for a run started from scratch. */
  private String resumedFrom;
  /** The test split's figures at the end, with a held-out validation set; empty until then or without one. */
  private Map<String, Double> test = Map.of();

  private RunRecorder(ExperimentSettings settings, RunFolder folder) {
    this.settings = settings;
    this.folder = folder;
  }

  /**
   * Writes the experiment's resolved configuration into a run folder as {@link #CONFIG}.
   *
   * @param folder the run folder
   * @param settings the experiment
   * @param what what the folder holds, for the header comment ("run", "range test")
   * @throws StorageException if the file cannot be written
   */
  public static void writeConfig(RunFolder folder, ExperimentSettings settings, String what) {
    folder.writeText(CONFIG, configText(settings, what));
  }

  /**
   * Creates the run folder and writes the resolved configuration, before any Spark work.
   *
   * @param hadoopConf Spark's Hadoop configuration, so that {@code spark.hadoop.*} settings reach the file system
   */
  static RunRecorder create(ExperimentSettings settings, Configuration hadoopConf) {
    RunFolder folder;
    try {
      folder = RunFolder.create(settings.output().dir(), settings.name(), hadoopConf);
    } catch (StorageException e) {
      throw new RunFailure("output.dir = " + settings.output().dir() + ": " + e.getMessage(), e);
    }
    return startIn(folder, settings);
  }

  /** Starts a run afresh in a given folder: writes its configuration and provenance, replacing any. */
  static RunRecorder startIn(RunFolder folder, ExperimentSettings settings) {
    RunRecorder recorder = new RunRecorder(settings, folder);
    recorder.write(CONFIG, configText(settings, "run"));
    recorder.provenance
        .append("program: lrsched ").append(recorder.build.version()).append('\n')
        .append("commit: ").append(recorder.build.commit()).append('\n')
        .append("started: ").append(recorder.started).append('\n')
        .append("experiment file: ").append(settings.source()).append('\n')
        .append("java: ").append(System.getProperty("java.version")).append('\n');
    recorder.write(PROVENANCE, recorder.provenance.toString());
    recorder.begin();
    return recorder;
  }

  /** The report's first facts and the index entry of a run that (re)starts now. */
  private void begin() {
    facts.put("version", build.version());
    facts.put("commit", build.commit());
    facts.put("run folder", folder.uri());
    facts.put("experiment file", settings.source());
    facts.put("java", System.getProperty("java.version"));
    facts.put("started", started.toString());
    facts.put("validation (val_* figures)", validation());
    write(RunRecord.FILE, record(RunRecord.RUNNING, null, null).toJson());
  }

  /**
   * Continues a run from a checkpoint: metrics.csv and lr-applied.csv go back to what they were at the checkpoint
   * (epochs recorded after it are trained again), config.conf records the settings now in force (an extended
   * training.epochs), and the provenance notes the resumption.
   */
  static RunRecorder resume(RunFolder folder, ExperimentSettings settings, Checkpoint checkpoint) {
    RunRecorder recorder = new RunRecorder(settings, folder);
    recorder.lrApplied.setLength(0);
    recorder.lrApplied.append(checkpoint.lrAppliedCsv());
    recorder.write(METRICS, checkpoint.metricsCsv());
    recorder.write(LR_APPLIED, checkpoint.lrAppliedCsv());
    recorder.write(CONFIG, configText(settings, "run"));
    if (folder.exists(PROVENANCE)) {
      recorder.provenance.append(folder.readText(PROVENANCE));
    }
    Instant now = Instant.now();
    recorder.provenance.append("resumed: ").append(now).append(" from the checkpoint after epoch ")
        .append(checkpoint.epochs()).append(" (lrsched ").append(recorder.build).append(")\n");
    recorder.write(PROVENANCE, recorder.provenance.toString());
    if (folder.exists(RunRecord.FILE)) {
      try {
        recorder.started = Instant.parse(RunRecord.parse(folder.readText(RunRecord.FILE)).started());
      } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
        // An unreadable index entry is rewritten below; the run then counts from this start.
      }
    }
    recorder.history = MetricsCsv.parse(checkpoint.metricsCsv());
    recorder.appliedSteps.addAll(AppliedLrCurve.parseCsv(checkpoint.lrAppliedCsv()));
    recorder.resumedFrom = "the checkpoint after epoch " + checkpoint.epochs() + ", at " + now;
    recorder.begin();
    return recorder;
  }

  /**
   * The configuration a run recorded.
   *
   * @throws RunFailure if the folder has none
   */
  static String recordedConfig(RunFolder folder) {
    try {
      return folder.readText(CONFIG);
    } catch (StorageException e) {
      throw new RunFailure(e.getMessage() + ": not a run folder of lrsched train", e);
    }
  }

  private static String configText(ExperimentSettings settings, String what) {
    return "# Resolved configuration of this " + what + " (from " + settings.source() + ")\n" + settings.rendered();
  }

  RunFolder folder() {
    return folder;
  }

  /** lr-applied.csv as recorded so far. */
  String lrAppliedCsv() {
    return lrApplied.toString();
  }

  /** Writes a model file (model.zip, model-best.zip). */
  void recordModel(String name, byte[] zip) {
    writeBytes(name, zip);
  }

  String uri() {
    return folder.uri();
  }

  /** Adds Spark's configuration (sorted) to the provenance. */
  void recordSpark(JavaSparkContext sc) {
    Map<String, String> conf = new TreeMap<>();
    for (Tuple2<String, String> entry : sc.getConf().getAll()) {
      conf.put(entry._1(), entry._2());
    }
    spark = sc;
    facts.put("spark version", sc.version());
    facts.put("spark master", sc.master());
    facts.put("spark application id", sc.sc().applicationId());
    facts.put("executors", executors());
    provenance.append("spark version: ").append(sc.version()).append('\n');
    provenance.append("spark application id: ").append(sc.sc().applicationId()).append('\n');
    provenance.append("spark default parallelism: ").append(sc.defaultParallelism()).append('\n');
    conf.forEach((k, v) -> provenance.append("spark conf: ").append(k).append('=').append(v).append('\n'));
    write(PROVENANCE, provenance.toString());
  }

  /**
   * Writes {@link #DATA}: what a model trained in this run needs to be used (class names, input size, normalisation
   * with its statistics), then the split sizes and the files skipped as bad.
   */
  void recordData(ModelInput input, long trainImages, long testImages, long skipped, List<String> skippedExamples) {
    StringBuilder text = new StringBuilder("# The data of this run: classes in label order, input size, pixel"
        + " normalisation (mean and std per channel R, G, B, in [0, 1] units)\n");
    text.append(input.toHocon());
    text.append("train-images = ").append(trainImages).append('\n');
    text.append("test-images = ").append(testImages).append('\n');
    text.append("# files left out with data.on-bad-image = skip\n");
    text.append("skipped-files = ").append(skipped).append('\n');
    for (String example : skippedExamples) {
      text.append("# skipped: ").append(example).append('\n');
    }
    write(DATA, text.toString());
  }

  /**
   * Rewrites the metrics, the applied learning rates, the confusion matrix, the index entry and the HTML report
   * after an epoch.
   */
  void recordEpoch(List<EpochMetrics> history, List<StepRecord> applied, EvaluationResult evaluation,
      List<String> classNames) {
    applied.stream()
        .sorted((a, b) -> a.step() != b.step() ? Integer.compare(a.step(), b.step())
            : Integer.compare(a.worker(), b.worker()))
        .forEach(r -> lrApplied.append(r.epoch() + 1).append(',').append(r.step()).append(',')
            .append(r.worker()).append(',').append(r.executor()).append(',').append(r.pid()).append(',')
            .append(r.lr()).append(',').append(r.expectedLr()).append('\n'));
    applied.stream().filter(r -> r.worker() == 0)
        .forEach(r -> appliedSteps.add(new AppliedLrCurve.Step(r.epoch() + 1, r.step(), r.lr())));
    this.history = List.copyOf(history);
    this.confusion = evaluation.confusion();
    this.classNames = List.copyOf(classNames);
    write(METRICS, MetricsCsv.toCsv(history));
    write(LR_APPLIED, lrApplied.toString());
    write(CONFUSION_CSV, ConfusionMatrixPlot.toCsv(confusion, classNames));
    if (spark != null) {
      facts.put("executors", executors());
    }
    write(RunRecord.FILE, record(RunRecord.RUNNING, null, null).toJson());
    write(HTML_REPORT, htmlReport(RunRecord.RUNNING));
  }

  /**
   * Marks the run failed in {@code run.json} and {@code report.html}; never throws, so the original failure is what
   * the user sees.
   */
  void recordFailure(Throwable failure) {
    try {
      String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
      Instant ended = Instant.now();
      facts.put("ended", ended.toString());
      folder.writeText(RunRecord.FILE, record(RunRecord.FAILED, ended, message.lines().findFirst().orElse(""))
          .toJson());
      folder.writeText(HTML_REPORT, htmlReport(RunRecord.FAILED));
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** What the val_* figures are measured on, as run.json and the report say it. */
  private String validation() {
    return settings.data().holdsOutValidation()
        ? "held out: " + settings.data().validationSplit() + " of the training images"
        : RunRecord.TEST_SPLIT;
  }

  /**
   * Writes {@link #TEST_METRICS} and keeps the figures for run.json and the report: the test split, evaluated once
   * after training, of a run that validated on held-out training images.
   */
  void recordFinalTest(FinalTest finalTest) {
    test = finalTest.toMap();
    finalTest.toMap().forEach((k, v) -> facts.put("test split: " + k, Double.toString(v)));
    write(TEST_METRICS, finalTest.toCsv());
  }

  /**
   * Marks the run diverged in {@code run.json}, {@code report.html} and the provenance: the epochs recorded so far
   * stay, no model is written (its weights are not numbers any more).
   *
   * @param line where it diverged, as reported to the user
   */
  void recordDiverged(String line) {
    Instant ended = Instant.now();
    provenance.append("diverged: ").append(ended).append(": ").append(line).append('\n');
    write(PROVENANCE, provenance.toString());
    facts.put("ended", ended.toString());
    facts.put("diverged", line);
    write(RunRecord.FILE, record(RunRecord.DIVERGED, ended, line).toJson());
    write(HTML_REPORT, htmlReport(RunRecord.DIVERGED));
  }

  /**
   * Writes the classification report and the plots.
   *
   * @param last the evaluation the classification report and confusion matrix show: the last network's on the test
   *     split
   * @return the report's text, as printed
   */
  String recordFinal(List<EpochMetrics> history, EvaluationResult last, List<String> classNames) {
    confusion = last.confusion();
    write(CONFUSION_CSV, ConfusionMatrixPlot.toCsv(confusion, classNames));
    ClassificationReport report = ClassificationReport.fromConfusionMatrix(last.confusion(), classNames);
    write(REPORT, report.toText());
    write(REPORT_CSV, report.toCsv());
    writeBytes(CONFUSION_PNG, ConfusionMatrixPlot.toPng(last.confusion(), classNames));
    writeBytes(settings.output().trainPlot(), new TrainingPlot(trainingTitle(), 800, 600).toPng(history));
    PlotSeries lr = AppliedLrCurve.staircase("lr", appliedSteps.isEmpty()
        ? AppliedLrCurve.perEpoch(history) : appliedSteps);
    writeBytes(settings.output().lrPlot(), new LearningRatePlot().toPng(lr));
    if (AppliedLrCurve.spansDecades(List.of(lr))) {
      writeBytes(LR_LOG_PLOT, new LearningRatePlot(LearningRatePlot.DEFAULT_TITLE + " (log scale)", 800, 600, true)
          .toPng(lr));
    }
    Instant ended = Instant.now();
    provenance.append("finished: ").append(ended).append('\n');
    write(PROVENANCE, provenance.toString());
    facts.put("ended", ended.toString());
    write(RunRecord.FILE, record(RunRecord.DONE, ended, null).toJson());
    write(HTML_REPORT, htmlReport(RunRecord.DONE));
    return report.toText();
  }

  private void write(String name, String text) {
    try {
      folder.writeText(name, text);
    } catch (StorageException e) {
      throw new RunFailure(folder.fileUri(name) + ": " + e.getMessage(), e);
    }
  }

  private void writeBytes(String name, byte[] bytes) {
    try {
      folder.writeBytes(name, bytes);
    } catch (StorageException e) {
      throw new RunFailure(folder.fileUri(name) + ": " + e.getMessage(), e);
    }
  }

  private RunRecord record(String status, Instant ended, String error) {
    Instant now = ended != null ? ended : Instant.now();
    Map<String, Double> last = new TreeMap<>();
    Map<String, Double> best = new TreeMap<>();
    if (!history.isEmpty()) {
      EpochMetrics m = history.get(history.size() - 1);
      last.put("epoch", (double) m.epoch());
      last.put("lr", m.lr());
      last.put("loss", m.loss());
      last.put("accuracy", m.accuracy());
      last.put("val_loss", m.valLoss());
      last.put("val_accuracy", m.valAccuracy());
      EpochMetrics top = history.stream()
          .filter(e -> !Double.isNaN(e.valAccuracy()))
          .max((a, b) -> Double.compare(a.valAccuracy(), b.valAccuracy()))
          .orElse(m);
      best.put("epoch", (double) top.epoch());
      best.put("val_accuracy", top.valAccuracy());
      best.put("val_loss", top.valLoss());
    }
    return new RunRecord(settings.name(), folder.name(), folder.uri(), status, started.toString(), now.toString(),
        ended == null ? null : ended.toString(), settings.schedule().type(),
        SettingsDiff.fromReference(settings.rendered()), settings.training().epochs(), history.size(), last, best,
        Duration.between(started, now).toMillis() / 1000.0, build.version(), build.commit(), resumedFrom, error,
        validation(), test);
  }

  private String htmlReport(String status) {
    Map<String, String> shown = new LinkedHashMap<>(facts);
    shown.put("updated", Instant.now().toString());
    shown.put("wall time", Duration.between(started, Instant.now()).toSeconds() + " s");
    return RunReportPage.render(new RunReportPage.Content(folder.name(), status, shown, resumedFrom,
        SettingsEcho.lines(SettingsLoader.activeParameters(settings)), SettingsDiff.fromReference(settings.rendered()),
        settings.training().epochs(),
        history, appliedSteps, confusion, classNames, trainingTitle()));
  }

  private String trainingTitle() {
    return TrainingPlot.titleFor(classNames, settings.data().source(), settings.data().path());
  }

  /** The executors Spark knows now, as {@code host:port}; the driver alone in local mode. */
  private String executors() {
    SparkExecutorInfo[] infos = spark.sc().statusTracker().getExecutorInfos();
    String hosts = Arrays.stream(infos).map(i -> i.host() + ":" + i.port()).sorted()
        .collect(Collectors.joining(", "));
    return infos.length + " (" + hosts + ")";
  }
}
