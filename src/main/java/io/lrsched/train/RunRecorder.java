package io.lrsched.train;

import io.lrsched.checkpoint.Checkpoint;
import io.lrsched.config.ExperimentSettings;
import io.lrsched.report.ClassificationReport;
import io.lrsched.report.EpochMetrics;
import io.lrsched.report.LearningRatePlot;
import io.lrsched.report.MetricsCsv;
import io.lrsched.report.TrainingPlot;
import io.lrsched.storage.RunFolder;
import io.lrsched.storage.StorageException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Writes a run's folder: its provenance at the start, its metrics after every epoch (so an interrupted run keeps
 * what it finished), and its report and plots at the end. Every file is written atomically by {@link RunFolder}.
 */
public final class RunRecorder {

  static final String CONFIG = "config.conf";
  static final String PROVENANCE = "provenance.txt";
  static final String METRICS = "metrics.csv";
  static final String LR_APPLIED = "lr-applied.csv";
  static final String REPORT = "classification-report.txt";
  static final String REPORT_CSV = "classification-report.csv";

  private final ExperimentSettings settings;
  private final RunFolder folder;
  private final StringBuilder lrApplied = new StringBuilder("epoch,step,worker,executor,pid,lr,expected_lr\n");
  private final StringBuilder provenance = new StringBuilder();

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
        .append("program: lrsched ").append(version()).append('\n')
        .append("started: ").append(Instant.now()).append('\n')
        .append("experiment file: ").append(settings.source()).append('\n')
        .append("java: ").append(System.getProperty("java.version")).append('\n');
    recorder.write(PROVENANCE, recorder.provenance.toString());
    return recorder;
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
    recorder.provenance.append("resumed: ").append(Instant.now()).append(" from the checkpoint after epoch ")
        .append(checkpoint.epochs()).append(" (lrsched ").append(version()).append(")\n");
    recorder.write(PROVENANCE, recorder.provenance.toString());
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
    provenance.append("spark version: ").append(sc.version()).append('\n');
    provenance.append("spark application id: ").append(sc.sc().applicationId()).append('\n');
    provenance.append("spark default parallelism: ").append(sc.defaultParallelism()).append('\n');
    conf.forEach((k, v) -> provenance.append("spark conf: ").append(k).append('=').append(v).append('\n'));
    write(PROVENANCE, provenance.toString());
  }

  /** Rewrites the metrics and the applied learning rates after an epoch. */
  void recordEpoch(List<EpochMetrics> history, List<StepRecord> applied) {
    applied.stream()
        .sorted((a, b) -> a.step() != b.step() ? Integer.compare(a.step(), b.step())
            : Integer.compare(a.worker(), b.worker()))
        .forEach(r -> lrApplied.append(r.epoch() + 1).append(',').append(r.step()).append(',')
            .append(r.worker()).append(',').append(r.executor()).append(',').append(r.pid()).append(',')
            .append(r.lr()).append(',').append(r.expectedLr()).append('\n'));
    write(METRICS, MetricsCsv.toCsv(history));
    write(LR_APPLIED, lrApplied.toString());
  }

  /**
   * Writes the classification report and the plots.
   *
   * @return the report's text, as printed
   */
  String recordFinal(List<EpochMetrics> history, EvaluationResult last, List<String> classNames) {
    ClassificationReport report = ClassificationReport.fromConfusionMatrix(last.confusion(), classNames);
    write(REPORT, report.toText());
    write(REPORT_CSV, report.toCsv());
    writeBytes(settings.output().trainPlot(), new TrainingPlot().toPng(history));
    double[] epochs = history.stream().mapToDouble(EpochMetrics::epoch).toArray();
    double[] lrs = history.stream().mapToDouble(EpochMetrics::lr).toArray();
    writeBytes(settings.output().lrPlot(), new LearningRatePlot().toPng(epochs, lrs));
    provenance.append("finished: ").append(Instant.now()).append('\n');
    write(PROVENANCE, provenance.toString());
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

  private static String version() {
    String v = RunRecorder.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }
}
