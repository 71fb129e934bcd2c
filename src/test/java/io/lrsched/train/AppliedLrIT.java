package io.lrsched.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains a tiny network on Spark local[2] through the command line, once per schedule, and checks that every worker
 * applied, at every step of every epoch, the learning rate the schedule's published formula gives. The expected
 * values are computed here from the formulas themselves (the tutorial's, Keras', PyTorch's), not with the schedule
 * classes, so a schedule and its hook cannot agree on a wrong value.
 *
 * <p>Set-up shared by all runs: 256 synthetic images at a global batch of 32 on 2 workers gives 8 steps per epoch;
 * averaging every 3 steps makes rounds of 3, 3 and 2 steps, so a round boundary inside the epoch and a short last
 * round are both covered.
 */
class AppliedLrIT {
  private static final double LR0 = 0.1;
  private static final int WORKERS = 2;
  private static final int STEPS = 256 / 32;
  private static final double TOLERANCE = 1e-9;

  @TempDir static Path out;

  @BeforeAll
  static void useTwoLocalWorkers() {
    System.setProperty("spark.master", "local[" + WORKERS + "]");
  }

  @AfterAll
  static void clearMaster() {
    System.clearProperty("spark.master");
  }

  /** The tutorial's step decay: lr0 * factor ^ floor((1 + e) / dropEvery); with dropEvery 2 the drop is at e = 1. */
  @Test
  void shouldApplyTheTutorialsStepDecayOnEveryWorker() throws IOException {
    int epochs = 2;
    Path run = train("step", epochs, "schedule.step.factor=0.25", "schedule.step.drop-every=2");
    checkApplied(run, epochs, (e, s) -> LR0 * Math.pow(0.25, Math.floor((1.0 + e) / 2)));
  }

  /** Keras' time-based decay, every step: lr0 / (1 + decay * t), decay = lr0 / epochs (the tutorial's choice). */
  @Test
  void shouldApplyKerasTimeBasedDecayAtEveryStep() throws IOException {
    int epochs = 2;
    Path run = train("standard", epochs, "schedule.standard.decay=auto");
    double decay = LR0 / epochs;
    List<String[]> rows = checkApplied(run, epochs, (e, s) -> LR0 / (1 + decay * (e * STEPS + s)));
    Set<Double> distinct = new HashSet<>();
    rows.forEach(r -> distinct.add(Double.parseDouble(r[5])));
    assertEquals(epochs * STEPS, distinct.size(), "the LR changes at every step");
  }

  /** PyTorch OneCycleLR (two phases, cosine) over all 2 x 8 steps. */
  @Test
  void shouldApplyPyTorchsOneCyclePolicyAtEveryStep() throws IOException {
    int epochs = 2;
    Path run = train("one-cycle", epochs, "schedule.one-cycle.max-lr=0.2", "schedule.one-cycle.pct-start=0.3",
        "schedule.one-cycle.div-factor=25", "schedule.one-cycle.final-div-factor=1e4",
        "schedule.one-cycle.anneal=cos", "schedule.one-cycle.three-phase=false");
    checkApplied(run, epochs, (e, s) -> oneCycle(e * STEPS + s, epochs * STEPS, 0.2, 0.3, 25, 1e4));
  }

  /**
   * ReduceLROnPlateau on the validation loss with a threshold no loss can beat (mode min, rel, threshold 10: better
   * means below best * (1 - 10) < 0) and patience 1: the first epoch is the first bad one, the second exceeds the
   * patience, so the LR halves from the third epoch on. The expectation replays PyTorch's rule on metrics.csv.
   */
  @Test
  void shouldApplyAPlateauReductionDrivenByTheValidationLoss() throws IOException {
    int epochs = 3;
    Path run = train("plateau", epochs, "schedule.plateau.monitor=val-loss", "schedule.plateau.mode=min",
        "schedule.plateau.threshold=10", "schedule.plateau.threshold-mode=rel", "schedule.plateau.patience=1",
        "schedule.plateau.factor=0.5", "schedule.plateau.cooldown=0", "schedule.plateau.min-lr=0",
        "schedule.plateau.eps=1e-8");
    double[] valLoss = column(Files.readAllLines(run.resolve("metrics.csv")), "val_loss");
    assertEquals(epochs, valLoss.length);
    double[] lrPerEpoch = reduceLrOnPlateau(valLoss, LR0, 0.5, 1, 10.0);
    assertEquals(LR0 * 0.5, lrPerEpoch[2], 1e-15, "the rule reduces once, before the third epoch");
    checkApplied(run, epochs, (e, s) -> lrPerEpoch[e]);
  }

  /** The expected LR of (0-based epoch, step within the epoch). */
  @FunctionalInterface
  private interface Expected {
    double lr(int epoch, int step);
  }

  private static Path train(String schedule, int epochs, String... scheduleSettings) throws IOException {
    Path dir = out.resolve(schedule);
    List<String> args = new ArrayList<>(List.of(
        "train",
        "--set", "experiment.name=applied",
        "--set", "data.source=synthetic",
        "--set", "data.synthetic.train-size=256",
        "--set", "data.synthetic.test-size=64",
        "--set", "model.stages=[1,1,1]",
        "--set", "model.filters=[8,8,16,32]",
        "--set", "training.batch-size=32",
        "--set", "training.workers=" + WORKERS,
        "--set", "training.averaging-frequency=3",
        "--set", "training.lr=" + LR0,
        "--set", "output.dir=\"" + dir.toUri() + "\"",
        "--schedule", schedule,
        "--epochs", Integer.toString(epochs)));
    for (String s : scheduleSettings) {
      args.add("--set");
      args.add(s);
    }
    assertEquals(0, Main.run(args.toArray(String[]::new)), "train with " + schedule + " exits with 0");
    try (Stream<Path> runs = Files.list(dir)) {
      return runs.filter(p -> p.getFileName().toString().startsWith("applied-")).findFirst().orElseThrow();
    }
  }

  /**
   * Checks lr-applied.csv: one row per (epoch, step, worker), nothing missing or doubled, and both the applied and
   * the recorded expected LR equal to the formula within 1e-9 relative.
   *
   * @return the data rows
   */
  private static List<String[]> checkApplied(Path run, int epochs, Expected expected) throws IOException {
    List<String> lines = Files.readAllLines(run.resolve("lr-applied.csv"));
    assertEquals("epoch,step,worker,executor,pid,lr,expected_lr", lines.get(0));
    List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
    Set<String> seen = new HashSet<>();
    for (String[] r : rows) {
      int epoch = Integer.parseInt(r[0]) - 1; // the file's epochs are 1-based, like Keras' log
      int step = Integer.parseInt(r[1]);
      assertTrue(epoch >= 0 && epoch < epochs && step >= 0 && step < STEPS, Arrays.toString(r));
      assertTrue(seen.add(r[0] + "/" + r[1] + "/" + r[2]), "one row per epoch, step and worker: " + Arrays.toString(r));
      double want = expected.lr(epoch, step);
      assertRelative(want, Double.parseDouble(r[5]), "applied lr " + Arrays.toString(r));
      assertRelative(want, Double.parseDouble(r[6]), "expected_lr " + Arrays.toString(r));
    }
    for (int e = 1; e <= epochs; e++) {
      for (int s = 0; s < STEPS; s++) {
        for (int w = 0; w < WORKERS; w++) {
          assertTrue(seen.contains(e + "/" + s + "/" + w), "a row for epoch " + e + " step " + s + " worker " + w);
        }
      }
    }
    assertEquals(epochs * STEPS * WORKERS, rows.size());
    return rows;
  }

  private static void assertRelative(double expected, double actual, String what) {
    assertTrue(Math.abs(actual - expected) <= TOLERANCE * Math.abs(expected),
        what + ": expected " + expected + ", got " + actual);
  }

  /** torch.optim.lr_scheduler.OneCycleLR.get_lr, two phases, cosine annealing, at step t. */
  static double oneCycle(int t, int totalSteps, double maxLr, double pctStart, double div, double finalDiv) {
    double initial = maxLr / div;
    double min = initial / finalDiv;
    double[] ends = {pctStart * totalSteps - 1, totalSteps - 1};
    double[][] startEnd = {{initial, maxLr}, {maxLr, min}};
    double start = 0;
    for (int i = 0; i < ends.length; i++) {
      if (t <= ends[i] || i == ends.length - 1) {
        double pct = (t - start) / (ends[i] - start);
        double from = startEnd[i][0];
        double to = startEnd[i][1];
        return to + (from - to) / 2.0 * (Math.cos(Math.PI * pct) + 1);
      }
      start = ends[i];
    }
    throw new AssertionError();
  }

  /**
   * torch.optim.lr_scheduler.ReduceLROnPlateau (mode min, threshold_mode rel, cooldown 0, min_lr 0, eps 1e-8): the
   * LR of each epoch, the first being lr0, each later one after step(val_loss) of the epoch before.
   */
  static double[] reduceLrOnPlateau(double[] metric, double lr0, double factor, int patience, double threshold) {
    double[] lrs = new double[metric.length];
    double lr = lr0;
    double best = Double.POSITIVE_INFINITY;
    int bad = 0;
    for (int e = 0; e < metric.length; e++) {
      lrs[e] = lr;
      if (metric[e] < best * (1 - threshold)) {
        best = metric[e];
        bad = 0;
      } else {
        bad++;
      }
      if (bad > patience) {
        double reduced = Math.max(lr * factor, 0);
        if (lr - reduced > 1e-8) {
          lr = reduced;
        }
        bad = 0;
      }
    }
    return lrs;
  }

  private static double[] column(List<String> csv, String name) {
    int index = Arrays.asList(csv.get(0).split(",")).indexOf(name);
    assertTrue(index >= 0, "metrics.csv has a column " + name);
    return csv.subList(1, csv.size()).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[index])).toArray();
  }
}
