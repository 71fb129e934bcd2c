package io.lrsched.cli;

import io.lrsched.results.Comparison;
import io.lrsched.results.ComparisonWriter;
import io.lrsched.results.RunData;
import io.lrsched.results.RunFinder;
import io.lrsched.storage.RunFolder;
import io.lrsched.storage.StorageException;
import io.lrsched.train.RunFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lrsched compare RUN_OR_SWEEP...}: several runs side by side. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare runs: a table of the settings that differ, final and best val_accuracy, final val_loss, epochs and"
          + " wall time (best first), overlay plots of val_accuracy, val_loss, training loss and the applied"
          + " learning rate, and comparison.html.",
      "Writes comparison.{txt,csv,md,html} and the plots to a new folder <output-dir>/comparison-<time>."
    })
final class CompareCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "RUN_OR_SWEEP",
      description = "Run folders, sweep folders or folders holding runs (any Hadoop FileSystem URI).")
  List<String> paths;

  @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = "comparisons",
      description = "Where the comparison's folder goes (default: ${DEFAULT-VALUE}).")
  String outputDir;

  @Option(names = "--lr-axis", paramLabel = "AXIS", defaultValue = "auto",
      description = "Learning-rate axis: linear, log, or auto (log when the rates span more than two decades;"
          + " default: ${DEFAULT-VALUE}).")
  String lrAxis;

  @Override
  public Integer call() {
    Boolean log = switch (lrAxis) {
      case "auto" -> null;
      case "log" -> true;
      case "linear" -> false;
      default -> throw new RunFailure("--lr-axis " + lrAxis + ": expected linear, log or auto");
    };
    try {
      Map<String, RunData> runs = new LinkedHashMap<>();
      for (String path : paths) {
        List<RunFolder> found = RunFinder.find(path, "metrics.csv");
        if (found.isEmpty()) {
          throw new RunFailure(path + ": no run folders (folders with metrics.csv) at or below it");
        }
        for (RunFolder folder : found) {
          runs.putIfAbsent(folder.uri(), RunData.read(folder));
        }
      }
      Comparison comparison = Comparison.of(new ArrayList<>(runs.values()));
      RunFolder out = RunFolder.create(outputDir, "comparison");
      ComparisonWriter.write(comparison, out, log);
      System.out.print(comparison.toText());
      System.out.println("[INFO] comparison of " + runs.size() + " runs: " + out.fileUri(ComparisonWriter.HTML));
      return 0;
    } catch (StorageException | IllegalArgumentException e) {
      throw new RunFailure(e.getMessage(), e);
    }
  }
}
