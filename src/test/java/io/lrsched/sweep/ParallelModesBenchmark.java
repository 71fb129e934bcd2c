package io.lrsched.sweep;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.config.SettingsLoader;
import io.lrsched.train.EpochListener;
import io.lrsched.train.ExperimentRunner;
import io.lrsched.train.RunSummary;
import io.lrsched.train.SparkContexts;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test (no assertions, not in {@code mvn verify}): measures the two ways {@code --parallel} could run trials,
 * for README, Sweeps. Two trials of a small synthetic experiment (1 worker each) are run (1) one after the other in one
 * Spark application, (2) at once as threads sharing one Spark application, (3) at once as two processes, each its
 * own Spark application ({@code sweep --parallel 2}). Prints wall times and each trial's last loss and val_accuracy,
 * to see whether sharing a Spark application changes what a trial computes.
 *
 * <pre>mvn -B -o test -Dtest=ParallelModesBenchmark -Dexcluded.groups= -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("benchmark")
class ParallelModesBenchmark {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void measure() throws Exception {
    Path dir = Files.createTempDirectory("parallel-modes");
    Files.writeString(dir.resolve("base.conf"), """
        experiment.name = bench
        data { source = synthetic, synthetic { train-size = 512, test-size = 128 } }
        model { stages = [1, 1, 1], filters = [8, 8, 16, 32] }
        training { epochs = 3, batch-size = 32, workers = 1 }
        output.dir = "%s"
        """.formatted(dir.resolve("out")));
    List<ExperimentSettings> trials = new ArrayList<>();
    for (String schedule : List.of("step", "linear")) {
      trials.add(new SettingsLoader().load(dir.resolve("base.conf"), List.of("schedule.type=" + schedule)));
    }
    System.setProperty("spark.master", "local[2]");
    List<String> report = new ArrayList<>() {
      @Override
      public boolean add(String line) {
        System.out.println("[bench] " + line);
        return super.add(line);
      }
    };
    try (JavaSparkContext sc = SparkContexts.create("parallel-modes")) {
      long t0 = System.nanoTime();
      for (int i = 0; i < trials.size(); i++) {
        RunSummary s = new ExperimentRunner(trials.get(i), QUIET).runIn(sc, dir + "/seq-" + i, EpochListener.NONE);
        report.add("sequential trial " + i + ": " + last(s));
      }
      report.add(String.format("sequential, one application: %.1f s", (System.nanoTime() - t0) / 1e9));

      long t1 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(trials.size());
      List<Future<RunSummary>> futures = new ArrayList<>();
      for (int i = 0; i < trials.size(); i++) {
        int k = i;
        futures.add(pool.submit(() ->
            new ExperimentRunner(trials.get(k), QUIET).runIn(sc, dir + "/threads-" + k, EpochListener.NONE)));
      }
      for (int i = 0; i < futures.size(); i++) {
        try {
          report.add("threads trial " + i + ": " + last(futures.get(i).get()));
        } catch (Exception e) {
          report.add("threads trial " + i + " FAILED: " + e.getCause());
        }
      }
      pool.shutdown();
      report.add(String.format("threads, one application: %.1f s", (System.nanoTime() - t1) / 1e9));
    }
    System.clearProperty("spark.master");

    Files.writeString(dir.resolve("two.conf"), """
        sweep { experiment = base.conf, grid { "schedule.type" = [step, linear] } }
        """);
    long t2 = System.nanoTime();
    SweepProcess p = SweepProcess.start(dir.resolve("processes.log"), dir.resolve("two.conf").toString(),
        "--parallel", "2");
    int exit = p.await(1800);
    report.add(String.format("processes (sweep --parallel 2, local[1] each): %.1f s, exit %d",
        (System.nanoTime() - t2) / 1e9, exit));
    for (String line : Files.readAllLines(dir.resolve("out/two/trials.csv"))) {
      report.add("processes " + line);
    }
    report.forEach(System.out::println);
  }

  private static String last(RunSummary s) {
    var m = s.history().get(s.history().size() - 1);
    return "loss " + m.loss() + ", val_accuracy " + m.valAccuracy();
  }
}
