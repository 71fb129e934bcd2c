package io.lrsched.cli;

import io.lrsched.config.DataSettings;
import io.lrsched.config.ExperimentSettings;
import io.lrsched.data.ImageSources;
import io.lrsched.report.LearningRatePlot;
import io.lrsched.report.PlotSeries;
import io.lrsched.report.ScheduleTable;
import io.lrsched.schedule.LearningRateSchedule;
import io.lrsched.schedule.ScheduleCurve;
import io.lrsched.schedule.ScheduleRegistry;
import io.lrsched.storage.RunFolder;
import io.lrsched.storage.StorageException;
import io.lrsched.train.ConfiguredSchedule;
import io.lrsched.train.RunFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lrsched plot-schedule}: draws one or several learning-rate schedules over N epochs without training (the
 * tutorial's {@code schedule.plot}), overlaid in one PNG, and writes their values as CSV tables.
 *
 * <p>Schedules take their parameters from the experiment (reference.conf, the file, {@code --set}); only the type
 * changes per {@code --schedule}. Adaptive schedules ({@code plateau}) get no metric here and plot flat.
 */
@Command(
    name = "plot-schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Plot learning-rate schedules over N epochs without training, overlaid in one PNG, with their values as CSV.",
      "Writes schedules.png, schedules.csv (per epoch), schedules-steps.csv (per step, when a schedule changes"
          + " within an epoch) and, with --separate, lr-<schedule>.png to a new folder <out>/<schedules>-<time>."
    })
final class PlotScheduleCommand implements Callable<Integer> {
  static final String PNG = "schedules.png";
  static final String EPOCH_CSV = "schedules.csv";
  static final String STEP_CSV = "schedules-steps.csv";

  @Spec CommandSpec spec;

  @Mixin ExperimentSource source;

  @Option(
      names = "--schedule",
      paramLabel = "NAME",
      description = "A schedule to plot (repeatable; default: the experiment's schedule.type). One of: "
          + "${COMPLETION-CANDIDATES}.",
      completionCandidates = ScheduleNames.class)
  List<String> schedules = new ArrayList<>();

  @Option(names = "--epochs", paramLabel = "N", description = "Epochs to plot (default: the experiment's"
      + " training.epochs); also what 'auto' parameters derive from.")
  Integer epochs;

  @Option(names = "--steps-per-epoch", paramLabel = "S",
      description = "Global steps per epoch (default: the experiment's training images over training.batch-size, e.g."
          + " 391 for CIFAR-10's 50,000 at 128).")
  Integer stepsPerEpoch;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Parent folder of the output folder, any Hadoop file system URI (default: <output.dir>/schedules).")
  String out;

  @Option(names = "--log-y", description = "Logarithmic learning-rate axis.")
  boolean logY;

  @Option(names = "--separate", description = "Also one PNG per schedule, lr-<schedule>.png.")
  boolean separate;

  /** The registry's names, for the help text. */
  static final class ScheduleNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    ScheduleNames() {
      super(ScheduleRegistry.names());
    }
  }

  @Override
  public Integer call() {
    checkArguments();
    List<String> extra = epochs == null ? List.of() : List.of("training.epochs=" + epochs);
    ExperimentSettings settings = source.loadWithoutData(extra);
    int n = settings.training().epochs();
    int stepsPerEpoch = this.stepsPerEpoch != null ? this.stepsPerEpoch : defaultStepsPerEpoch(settings);
    String out = this.out != null ? this.out : settings.output().dir() + "/schedules";
    List<String> names = schedules.isEmpty() ? List.of(settings.schedule().type()) : List.copyOf(schedules);
    Map<String, LearningRateSchedule> built = new LinkedHashMap<>();
    for (String name : names) {
      List<String> typed = new ArrayList<>(extra);
      typed.add("schedule.type=\"" + name + "\"");
      built.put(name, build(source.loadWithoutData(typed), stepsPerEpoch));
    }
    Map<String, ScheduleCurve> curves = new LinkedHashMap<>();
    built.forEach((name, schedule) -> {
      System.out.println("[INFO] " + schedule);
      curves.put(name, ScheduleCurve.sample(schedule, n, stepsPerEpoch));
    });
    boolean anyPerStep = built.values().stream().anyMatch(LearningRateSchedule::perStep);

    RunFolder folder = createFolder(out, String.join("_", names));
    ScheduleTable table = new ScheduleTable(curves);
    write(folder, EPOCH_CSV, table.epochCsv().getBytes(StandardCharsets.UTF_8));
    if (anyPerStep) {
      write(folder, STEP_CSV, table.stepCsv().getBytes(StandardCharsets.UTF_8));
    }
    LearningRatePlot plot = new LearningRatePlot(LearningRatePlot.DEFAULT_TITLE, 800, 600, logY);
    List<PlotSeries> series = new ArrayList<>();
    built.forEach((name, schedule) -> series.add(series(name, schedule.perStep(), curves.get(name))));
    write(folder, PNG, plot.toPng(series));
    if (separate) {
      for (PlotSeries s : series) {
        write(folder, "lr-" + s.name() + ".png", plot.toPng(List.of(s)));
      }
    }
    System.out.println("[INFO] " + n + " epochs of " + stepsPerEpoch + " steps, lr0 = " + settings.training().lr()
        + "; written to " + folder.uri());
    return 0;
  }

  private void checkArguments() {
    if (epochs != null && epochs < 1) {
      throw new ParameterException(spec.commandLine(), "--epochs = " + epochs + ": must be at least 1");
    }
    if (stepsPerEpoch != null && stepsPerEpoch < 1) {
      throw new ParameterException(spec.commandLine(), "--steps-per-epoch = " + stepsPerEpoch + ": must be at least 1");
    }
    for (String name : schedules) {
      if (!ScheduleRegistry.names().contains(name)) {
        throw new ParameterException(spec.commandLine(),
            "--schedule " + name + ": unknown schedule; one of " + String.join(", ", ScheduleRegistry.names()));
      }
    }
    if (schedules.stream().distinct().count() != schedules.size()) {
      throw new ParameterException(spec.commandLine(), "--schedule " + schedules + ": each schedule at most once");
    }
  }

  /**
   * Steps per epoch as a run over the experiment's data would take them: its training images (the subset, the
   * synthetic set's size, or CIFAR-10's training split for the real data) over the global batch, the last batch
   * smaller.
   */
  static int defaultStepsPerEpoch(ExperimentSettings settings) {
    DataSettings data = settings.data();
    long images = data.trainSubset() > 0 ? data.trainSubset()
        : data.source().equals(ImageSources.SYNTHETIC) ? data.syntheticTrainSize() : ImageSources.CIFAR10_TRAIN_IMAGES;
    int batch = settings.training().batchSize();
    return (int) ((images + batch - 1) / batch);
  }

  /**
   * Builds the experiment's schedule with its warmup and linear-scaling wrappers as configured. The linear scaling
   * rule needs a worker count: the configured {@code training.workers}, or 1 when that is 0 (Spark's default
   * parallelism is unknown without Spark).
   */
  static LearningRateSchedule build(ExperimentSettings settings, int stepsPerEpoch) {
    return ConfiguredSchedule.of(settings, stepsPerEpoch, Math.max(1, settings.training().workers()));
  }

  /**
   * A schedule's line: per-epoch schedules at x = e (as the tutorial plots them), per-step ones at every global
   * step, x = t / stepsPerEpoch, so that e.g. the standard decay's within-epoch fall shows.
   */
  static PlotSeries series(String name, boolean perStep, ScheduleCurve curve) {
    if (!perStep) {
      return PlotSeries.byEpoch(name, curve.epochLr(), 0);
    }
    double[] y = curve.stepLr();
    double[] x = new double[y.length];
    for (int t = 0; t < y.length; t++) {
      x[t] = (double) t / curve.stepsPerEpoch();
    }
    return new PlotSeries(name, x, y);
  }

  /** A new folder per call, never overwriting an earlier plot: {@code <out>/<names>-<yyyyMMdd-HHmmss>}. */
  private RunFolder createFolder(String out, String runName) {
    try {
      return RunFolder.create(out, runName);
    } catch (StorageException e) {
      throw new RunFailure("--out " + out + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--out " + out + ": " + e.getMessage());
    }
  }

  private static void write(RunFolder folder, String name, byte[] bytes) {
    try {
      folder.writeBytes(name, bytes);
    } catch (StorageException e) {
      throw new RunFailure(folder.fileUri(name) + ": " + e.getMessage(), e);
    }
  }
}
