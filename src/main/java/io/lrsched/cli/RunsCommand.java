package io.lrsched.cli;

import io.lrsched.results.RunIndex;
import io.lrsched.results.RunRecord;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lrsched runs [OUTPUT_DIR]}: the run index, newest first. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "List the runs under an output folder (any Hadoop FileSystem URI) from their run.json files,"
        + " newest first.")
final class RunsCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format { table, csv, json }

  @Parameters(index = "0", arity = "0..1", paramLabel = "OUTPUT_DIR", defaultValue = "runs",
      description = "Folder holding run folders, at any depth (default: ${DEFAULT-VALUE}).")
  String dir;

  @Option(names = "--name", paramLabel = "NAME", description = "Only runs of this experiment name ('*' matches any).")
  String name;

  @Option(names = "--status", paramLabel = "STATUS", description = "Only runs in this state: "
      + RunRecord.RUNNING + ", " + RunRecord.DONE + ", " + RunRecord.FAILED + " or " + RunRecord.DIVERGED + ".")
  String status;

  @Option(names = "--schedule", paramLabel = "TYPE", description = "Only runs of this schedule.type.")
  String schedule;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() {
    RunIndex index = RunIndex.scan(dir, System.err).filter(name, status, schedule);
    System.out.print(switch (format) {
      case table -> index.runs().isEmpty() ? "no runs under " + dir + "\n" : index.toTable();
      case csv -> index.toCsv();
      case json -> index.toJson();
    });
    return 0;
  }
}
