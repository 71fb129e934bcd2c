package io.lrsched.cli;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.finder.LrRangeTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lrsched lr-find EXPERIMENT.conf}: the learning-rate range test (Smith 2015; the fast.ai finder) on the
 * experiment's data, model, batch size and momentum; prints the suggested initial learning rate and writes the sweep,
 * its plot and the suggestion into a run folder.
 */
@Command(
    name = "lr-find",
    mixinStandardHelpOptions = true,
    description = {
      "Learning-rate range test: train the experiment's network from its initial weights while the LR grows"
          + " exponentially, record the loss per minibatch and suggest an initial LR.",
      "Writes lr-find.csv, lr-find.png and suggestion.txt to <output.dir>/<name>-lr-find-<time>."
    })
final class LrFindCommand implements Callable<Integer>, NativeCommand {

  @Mixin ExperimentSource source;

  @Option(names = "--min-lr", paramLabel = "LR", description = "Shorthand for --set lr-finder.min-lr=LR.")
  Double minLr;

  @Option(names = "--max-lr", paramLabel = "LR", description = "Shorthand for --set lr-finder.max-lr=LR.")
  Double maxLr;

  @Option(names = "--batches", paramLabel = "N", description = "Shorthand for --set lr-finder.batches=N.")
  Integer batches;

  @Option(names = "--smoothing", paramLabel = "BETA", description = "Shorthand for --set lr-finder.smoothing=BETA.")
  Double smoothing;

  @Option(names = "--stop-factor", paramLabel = "X", description = "Shorthand for --set lr-finder.stop-factor=X.")
  Double stopFactor;

  /** The shorthands as overrides, applied after --set so they win. */
  List<String> shorthands() {
    List<String> all = new ArrayList<>();
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("min-lr", minLr);
    given.put("max-lr", maxLr);
    given.put("batches", batches);
    given.put("smoothing", smoothing);
    given.put("stop-factor", stopFactor);
    given.forEach((key, value) -> {
      if (value != null) {
        all.add("lr-finder." + key + "=" + value);
      }
    });
    return all;
  }

  private ExperimentSettings settings;

  @Override
  public void prepare() {
    settings = source.load(shorthands());
  }

  @Override
  public Integer call() {
    LrRangeTest.Summary summary = new LrRangeTest(settings, System.out).run();
    System.out.println("[INFO] run folder: " + summary.runFolder());
    return 0;
  }
}
