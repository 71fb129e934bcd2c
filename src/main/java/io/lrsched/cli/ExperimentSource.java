package io.lrsched.cli;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.config.SettingsLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where an experiment comes from: its HOCON file and the {@code --set} overrides, shared by every command. */
final class ExperimentSource {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "EXPERIMENT.conf",
      description = "HOCON experiment file; without one, reference.conf's defaults (synthetic data).")
  Path experimentFile;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override any key, e.g. --set training.epochs=3 (repeatable).")
  List<String> overrides = new ArrayList<>();

  /**
   * @param more overrides applied after the {@code --set} ones (command shorthands)
   * @return the validated experiment
   */
  ExperimentSettings load(List<String> more) {
    return new SettingsLoader().load(experimentFile, all(more), true);
  }

  /** As {@link #load}, for a command that reads no data: {@code data.path} may be empty. */
  ExperimentSettings loadWithoutData(List<String> more) {
    return new SettingsLoader().load(experimentFile, all(more), false);
  }

  private List<String> all(List<String> more) {
    List<String> all = new ArrayList<>(overrides);
    all.addAll(more);
    return all;
  }
}
