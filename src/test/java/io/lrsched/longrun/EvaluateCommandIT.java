package io.lrsched.longrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} on what a training run saved, against what that run recorded itself: the final model on the same
 * test split gives the last epoch's val_accuracy and val_loss and the very classification report the run printed; the
 * best model gives the best val_accuracy in metrics.csv.
 */
@Tag("slow")
class EvaluateCommandIT {

  @TempDir Path out;

  @Test
  void shouldReproduceTheRunsOwnFiguresFromItsSavedModels() throws Exception {
    System.setProperty("spark.master", "local[2]");
    try {
      List<String> args = TinyRun.args(out.resolve("runs"), 2);
      args.add(0, "train");
      TinyRun.Result trained = TinyRun.main(args.toArray(String[]::new));
      assertEquals(0, trained.exit(), trained.stderr());
      Path run = TinyRun.runFolder(out.resolve("runs"));
      List<String[]> metrics = TinyRun.rows(run.resolve("metrics.csv"));
      String[] last = metrics.get(metrics.size() - 1);

      Path evaluations = out.resolve("evaluations");
      TinyRun.Result evaluated = TinyRun.main("evaluate", run.toString(),
          "--set", "output.dir=\"" + evaluations.toUri() + "\"");
      assertEquals(0, evaluated.exit(), evaluated.stderr());
      Path folder = TinyRun.runFolder(evaluations);
      assertEquals(Files.readString(run.resolve("classification-report.txt")),
          Files.readString(folder.resolve("classification-report.txt")), "the report training wrote at the end");
      List<String> evaluation = Files.readAllLines(folder.resolve("evaluation.txt"));
      assertEquals(Double.parseDouble(last[5]), value(evaluation, "accuracy"), 1e-12, "last val_accuracy");
      assertEquals(Double.parseDouble(last[4]), value(evaluation, "loss"), 1e-6 * Double.parseDouble(last[4]),
          "last val_loss");
      assertTrue(evaluated.stdout().contains("weighted avg"), evaluated.stdout());

      double bestAccuracy = metrics.stream().mapToDouble(f -> Double.parseDouble(f[5])).max().orElseThrow();
      Path bestOut = out.resolve("best");
      TinyRun.Result best = TinyRun.main("evaluate", run.resolve("model-best.zip").toString(),
          "--set", "output.dir=\"" + bestOut.toUri() + "\"");
      assertEquals(0, best.exit(), best.stderr());
      assertEquals(bestAccuracy, value(Files.readAllLines(TinyRun.runFolder(bestOut).resolve("evaluation.txt")),
          "accuracy"), 1e-12, "best val_accuracy");

      TinyRun.Result missing = TinyRun.main("evaluate", out.resolve("no-such-run").toString());
      assertEquals(1, missing.exit());
      assertEquals(1, missing.stderr().lines().filter(l -> l.startsWith("lrsched:")).count(), missing.stderr());
    } finally {
      System.clearProperty("spark.master");
    }
  }

  private static double value(List<String> lines, String key) {
    try (Stream<String> s = lines.stream()) {
      return Double.parseDouble(s.filter(l -> l.startsWith(key + ": ")).findFirst().orElseThrow()
          .substring(key.length() + 2));
    }
  }
}
