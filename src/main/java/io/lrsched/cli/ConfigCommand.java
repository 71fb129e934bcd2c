package io.lrsched.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code lrsched config EXPERIMENT.conf}: validates an experiment and prints it fully resolved (includes, environment
 * variables and overrides applied), as one self-contained HOCON file; {@code submit/cluster.sh} ships that file.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Validate an experiment and print its resolved configuration as one self-contained file.")
final class ConfigCommand implements Callable<Integer> {

  @Mixin ExperimentOptions experiment;

  @Override
  public Integer call() {
    System.out.print(experiment.load().rendered());
    return 0;
  }
}
