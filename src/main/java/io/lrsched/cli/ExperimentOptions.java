package io.lrsched.cli;

import io.lrsched.config.ExperimentSettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The experiment options of {@code train}, {@code config} and {@code bench}: the experiment file, {@code --set}
 * overrides, and the tutorial's own flags as shorthands for their keys.
 */
final class ExperimentOptions {

  @Mixin ExperimentSource source;

  @Option(names = "--schedule", paramLabel = "NAME", description = "Shorthand for --set schedule.type=NAME.")
  String schedule;

  @Option(names = "--epochs", paramLabel = "N", description = "Shorthand for --set training.epochs=N.")
  Integer epochs;

  @Option(names = "--lr-plot", paramLabel = "FILE", description = "Shorthand for --set output.lr-plot=FILE.")
  String lrPlot;

  @Option(
      names = "--train-plot",
      paramLabel = "FILE",
      description = "Shorthand for --set output.train-plot=FILE.")
  String trainPlot;

  /** Loads and validates the experiment; shorthands come after --set, so they win. */
  ExperimentSettings load() {
    return load(List.of(), true);
  }

  /** As {@link #load()} for a command that reads no data ({@code data.path} may be empty), with its shorthands. */
  ExperimentSettings loadWithoutData(List<String> more) {
    return load(more, false);
  }

  private ExperimentSettings load(List<String> more, boolean needsData) {
    List<String> all = new ArrayList<>();
    // The tutorial's --schedule "" means no schedule.
    String scheduleName = schedule == null ? null : schedule.isBlank() ? "none" : schedule;
    addIfGiven(all, "schedule.type", scheduleName == null ? null : quoted(scheduleName));
    addIfGiven(all, "training.epochs", epochs == null ? null : epochs.toString());
    addIfGiven(all, "output.lr-plot", lrPlot == null ? null : quoted(lrPlot));
    addIfGiven(all, "output.train-plot", trainPlot == null ? null : quoted(trainPlot));
    all.addAll(more);
    return needsData ? source.load(all) : source.loadWithoutData(all);
  }

  private static void addIfGiven(List<String> all, String key, String value) {
    if (value != null) {
      all.add(key + "=" + value);
    }
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
