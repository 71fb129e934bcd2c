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
    return source.load(shorthands());
  }

  /** As {@link #load()} for a command that reads no data ({@code data.path} may be empty), with its shorthands. */
  ExperimentSettings loadWithoutData(List<String> more) {
    List<String> all = shorthands();
    all.addAll(more);
    return source.loadWithoutData(all);
  }

  /** The experiment file given, or null. */
  java.nio.file.Path experimentFile() {
    return source.experimentFile;
  }

  /** Every override: the --set ones, then the shorthands. */
  List<String> overrides() {
    List<String> all = new ArrayList<>(source.overrides);
    all.addAll(shorthands());
    return all;
  }

  private List<String> shorthands() {
    List<String> all = new ArrayList<>();
    // The tutorial's --schedule "" means no schedule.
    String scheduleName = schedule == null ? null : schedule.isBlank() ? "none" : schedule;
    addIfGiven(all, "schedule.type", scheduleName == null ? null : quoted(scheduleName));
    addIfGiven(all, "training.epochs", epochs == null ? null : epochs.toString());
    addIfGiven(all, "output.lr-plot", lrPlot == null ? null : quoted(lrPlot));
    addIfGiven(all, "output.train-plot", trainPlot == null ? null : quoted(trainPlot));
    return all;
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
