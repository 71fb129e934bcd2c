package io.lrsched.longrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lrsched.cli.Main;
import io.lrsched.testing.TeeStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tiny experiment the long-run tests train: synthetic CIFAR-shaped data, a three-module ResNet, two local
 * workers, 16 steps per epoch, and a schedule whose LRs are known by hand: plateau with an absolute threshold no
 * epoch can beat and patience 0, so after the first epoch every epoch halves the LR (0.1, 0.1, 0.05, 0.025, ...),
 * whatever the metrics are. Only a restored schedule state gives these values after a resume.
 */
final class TinyRun {
  private TinyRun() {}

  static List<String> args(Path outputDir, int epochs) {
    return new ArrayList<>(List.of(
        "--set", "experiment.name=tiny",
        "--set", "experiment.seed=7",
        "--set", "data.source=synthetic",
        "--set", "data.synthetic.train-size=512",
        "--set", "data.synthetic.test-size=256",
        "--set", "model.stages=[1,1,1]",
        "--set", "model.filters=[8,8,16,32]",
        "--set", "training.batch-size=32",
        "--set", "training.averaging-frequency=4",
        "--set", "training.workers=2",
        "--set", "schedule.type=plateau",
        "--set", "schedule.plateau.monitor=train-loss",
        "--set", "schedule.plateau.threshold-mode=abs",
        "--set", "schedule.plateau.threshold=1e9",
        "--set", "schedule.plateau.patience=0",
        "--set", "schedule.plateau.factor=0.5",
        "--set", "output.dir=\"" + outputDir.toUri() + "\"",
        "--set", "training.epochs=" + epochs));
  }

  /** The LR the schedule gives every step of a 1-based epoch (see the class comment). */
  static double expectedLr(int epoch) {
    return epoch <= 2 ? 0.1 : 0.1 * Math.pow(0.5, epoch - 2);
  }

  /** Runs lrsched in this JVM, returning its exit code and what it printed. */
  static Result main(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new TeeStream(stdout, out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new TeeStream(stderr, err), true, StandardCharsets.UTF_8));
    try {
      int exit = Main.run(args);
      return new Result(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  record Result(int exit, String stdout, String stderr) {}

  /** The single run folder under an output dir. */
  static Path runFolder(Path outputDir) throws IOException {
    try (Stream<Path> runs = Files.list(outputDir)) {
      List<Path> all = runs.filter(Files::isDirectory).toList();
      assertEquals(1, all.size(), "one run folder in " + outputDir + ": " + all);
      return all.get(0);
    }
  }

  /** Data rows of a CSV file, split into fields. */
  static List<String[]> rows(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      rows.add(line.split(",", -1));
    }
    return rows;
  }

  /** lr-applied.csv rows without the executor and pid columns, which differ between JVMs. */
  static List<String> appliedLr(Path run, int fromEpoch) throws IOException {
    List<String> out = new ArrayList<>();
    for (String[] f : rows(run.resolve("lr-applied.csv"))) {
      if (Integer.parseInt(f[0]) >= fromEpoch) {
        out.add(f[0] + "," + f[1] + "," + f[2] + "," + f[5] + "," + f[6]);
      }
    }
    return out;
  }
}
