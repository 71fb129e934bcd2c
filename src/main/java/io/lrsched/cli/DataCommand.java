package io.lrsched.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lrsched data SUBCOMMAND}: getting data sets ready to train on. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Data set tools.",
    subcommands = {DataDownloadCommand.class})
final class DataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand (download)");
  }
}
