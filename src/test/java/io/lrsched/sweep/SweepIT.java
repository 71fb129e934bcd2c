package io.lrsched.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.cli.Main;
import io.lrsched.config.SweepLoader;
import io.lrsched.testing.TeeStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps of real (tiny) experiments on Spark local mode, through the command line's entry point. */
class SweepIT {

  @TempDir Path dir;

  private PrintStream originalOut;
  private ByteArrayOutputStream captured;

  @BeforeEach
  void captureConsole() {
    System.setProperty("spark.master", "local[2]");
    originalOut = System.out;
    captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new TeeStream(originalOut, captured), true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreConsole() {
    System.setOut(originalOut);
    System.clearProperty("spark.master");
  }

  private Path sweepFile(String name, String body) throws IOException {
    Files.writeString(dir.resolve("base.conf"), SweepProcess.tinyBase(dir.resolve("out").toString(), 1));
    Path file = dir.resolve(name);
    Files.writeString(file, body);
    return file;
  }

  private String console() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldRunThreeTrialsTimesTwoSeedsThenReportAndSkipThemNextTime() throws IOException {
    Path file = sweepFile("three.conf", """
        sweep {
          experiment = base.conf
          grid { "schedule.type" = [none, step, linear] }
          seeds = [1, 2]
        }
        """);
    assertEquals(0, Main.run("sweep", file.toString()));
    Path sweep = dir.resolve("out/three");
    List<Path> trials;
    try (Stream<Path> s = Files.list(sweep.resolve("trials"))) {
      trials = s.toList();
    }
    assertEquals(6, trials.size());
    for (Path trial : trials) {
      try (Stream<Path> s = Files.list(trial)) {
        List<Path> runFolders = s.filter(Files::isDirectory).toList();
        assertEquals(1, runFolders.size(), "one run folder per trial: " + trial);
        assertEquals(2, Files.readAllLines(runFolders.get(0).resolve("metrics.csv")).size(), "one epoch");
      }
      TrialState state = SweepProcess.state(trial);
      assertEquals("done", state.state());
      assertEquals(1, state.attempts());
    }
    List<String> leaderboard = Files.readAllLines(sweep.resolve("leaderboard.csv"));
    assertEquals(SweepReport.LEADERBOARD_HEADER, leaderboard.get(0));
    assertEquals(4, leaderboard.size(), "header and three groups");
    assertTrue(leaderboard.stream().skip(1).allMatch(l -> l.contains(",2,")), "n = 2 in every group");
    List<List<String>> statistics = SweepStatus.parse(Files.readString(sweep.resolve("statistics.csv")));
    assertEquals(1 + 2 * 3, statistics.size(), "header, then 3 pairs for each of the two metrics");
    for (List<String> row : statistics.subList(1, statistics.size())) {
      double p = Double.parseDouble(row.get(14));
      double holm = Double.parseDouble(row.get(15));
      assertTrue(p >= 0 && p <= 1 && holm >= p, "Holm never lowers a p-value: " + row);
    }
    assertTrue(console().contains("verdicts on final_val_accuracy"), console());
    String page = Files.readString(sweep.resolve("report.html"));
    assertTrue(page.contains("id=\"leaderboard\"") && page.contains("id=\"plot-strip\""), "the sweep's report.html");

    // Done trials are skipped: a second invocation trains nothing and reports the same.
    captured.reset();
    assertEquals(0, Main.run("sweep", file.toString()));
    assertTrue(!console().contains("attempt 1 of"), console());
    assertEquals(leaderboard, Files.readAllLines(sweep.resolve("leaderboard.csv")));

    captured.reset();
    assertEquals(0, Main.run("sweep-status", sweep.toString()));
    assertTrue(console().contains("6 done (6 trials)"), console());
  }

  @Test
  void shouldExitWith75WhileWorkRemainsAnd2ForABadSweepFile() throws IOException {
    Path file = sweepFile("budget.conf", """
        sweep { experiment = base.conf, grid { "schedule.type" = [none, step] } }
        """);
    assertEquals(75, Main.run("sweep", file.toString(), "--max-trials", "1"));
    assertEquals(0, Main.run("sweep", file.toString()));
    Path bad = sweepFile("bad.conf", "sweep { grid { \"training.lr\" = [-1] } }");
    assertEquals(2, Main.run("sweep", bad.toString()));
  }

  @Test
  void shouldFailATrialForGoodAfterMaxAttemptsAndNameItLast() throws IOException {
    Path file = sweepFile("broken.conf", """
        sweep {
          experiment = base.conf
          set { "data.source" = cifar-binary, "data.path" = "%s" }
          max-attempts = 2
        }
        """.formatted(dir.resolve("no-such-data")));
    assertEquals(75, Main.run("sweep", file.toString()), "the first failure leaves an attempt");
    assertEquals(1, Main.run("sweep", file.toString()));
    String[] lines = console().strip().split("\n");
    String last = lines[lines.length - 1];
    assertTrue(last.startsWith("lrsched: trial ") && last.contains("failed for good after 2 attempt(s)")
        && last.contains("no-such-data"), last);
  }

  @Test
  void shouldStopATrialCleanlyAtTheTimeBudgetAndResumeItNextTime() throws IOException {
    Path file = sweepFile("budget-stop.conf", """
        sweep { experiment = base.conf, set { "training.epochs" = 3 } }
        """);
    // One epoch takes longer than a second: the trial stops after its first epoch, with a checkpoint.
    assertEquals(75, Main.run("sweep", file.toString(), "--time-budget", "1s"));
    Path trial;
    try (Stream<Path> s = Files.list(dir.resolve("out/budget-stop/trials"))) {
      trial = s.findFirst().orElseThrow();
    }
    TrialState stopped = SweepProcess.state(trial);
    assertEquals("waiting", stopped.state(), "released for the next invocation");
    assertEquals(0, stopped.attempts(), "a clean stop is not a failed attempt");
    assertEquals(1, stopped.epoch());

    assertEquals(0, Main.run("sweep", file.toString()));
    assertTrue(console().contains("resumed from the checkpoint after epoch 1"), console());
    List<String> metrics = Files.readAllLines(trial.resolve("run/metrics.csv"));
    assertEquals(List.of("1", "2", "3"), metrics.stream().skip(1).map(l -> l.split(",")[0]).toList());
  }

  @Test
  void shouldStartNoFurtherTrialOnceOneStoppedForTheTimeBudget() throws IOException {
    Path file = sweepFile("budget-next.conf", """
        sweep { experiment = base.conf, set { "training.epochs" = 3 }, grid { "schedule.type" = [none, step] } }
        """);
    // A frozen clock: the budget itself never runs out, but after the first epoch one more epoch of the same length
    // would overrun it, so the first trial stops there. The second trial would only get a moment: it must not start.
    SweepPlan plan = SweepPlan.expand(new SweepLoader().load(file, List.of()));
    SweepRunner runner = new SweepRunner(plan, new SweepRunner.Budget(0, Duration.ofMillis(1)), SweepRunner.SPARK,
        System.out, Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
    assertEquals(SweepRunner.Outcome.WORK_REMAINS, runner.run());
    List<TrialState> states = new ArrayList<>();
    for (Trial t : plan.trials()) {
      states.add(SweepProcess.state(dir.resolve("out/budget-next/trials").resolve(t.id())));
    }
    assertEquals(1, states.get(0).epoch(), "the first trial stops after its first epoch");
    assertEquals(0, states.get(1).epoch(), "the second trial never ran: " + states.get(1));
    assertTrue(console().contains("--time-budget reached: no further trial is started"), console());
  }

  @Test
  void shouldStopATrialBelowTheMedianAndLeaveItOutOfTheStatistics() throws IOException {
    Path file = sweepFile("median.conf", """
        sweep {
          experiment = base.conf
          set { "training.epochs" = 2 }
          grid { "training.lr" = [0.1, 0.05, 0.02, 1e-7] }
          median-stopping { enabled = true, grace-epochs = 1, min-trials = 3 }
        }
        """);
    assertEquals(0, Main.run("sweep", file.toString()));
    List<List<String>> trials = SweepStatus.parse(Files.readString(dir.resolve("out/median/trials.csv")));
    List<String> slow = trials.stream().filter(r -> r.get(2).equals("1.0E-7")).findFirst().orElseThrow();
    assertEquals("stopped", slow.get(4), "the trial that cannot learn is stopped: " + trials);
    assertEquals(3, trials.stream().filter(r -> r.get(4).equals("done")).count(), trials.toString());
    List<String> leaderboard = Files.readAllLines(dir.resolve("out/median/leaderboard.csv"));
    assertEquals(4, leaderboard.size(), "header and the three done groups: " + leaderboard);
    assertTrue(console().contains("stopped early by the median stopping rule"), console());
  }

  @Test
  void shouldRecordADivergingTrialAsDivergedNeverRetryItAndExitZero() throws IOException {
    // At lr 1e30 the weights overflow float within the tiny base's 4 steps (at 1000 its loss only reaches 1e12).
    Path file = sweepFile("diverging.conf", """
        sweep {
          experiment = base.conf
          grid { "training.lr" = [0.1, 1e30] }
        }
        """);
    assertEquals(0, Main.run("sweep", file.toString()), "a diverged trial is a result, not a failure");
    List<List<String>> trials = SweepStatus.parse(Files.readString(dir.resolve("out/diverging/trials.csv")));
    assertEquals(List.of("done", "diverged"), List.of(trials.get(1).get(4), trials.get(2).get(4)), trials.toString());
    TrialState diverged = SweepFolder.open(dir.resolve("out/diverging").toString()).readState(trials.get(2).get(0));
    assertEquals(1, diverged.attempts(), "one attempt: " + diverged);
    assertTrue(diverged.note().matches("diverged at epoch 1, step [2-4]: loss (NaN|-?Infinity) at lr 1e\\+30"),
        diverged.note());
    // Both groups listed, the diverged one last with its count; no pair left to compare.
    List<List<String>> leaderboard = SweepStatus.parse(Files.readString(dir.resolve("out/diverging/leaderboard.csv")));
    int count = leaderboard.get(0).indexOf("diverged");
    assertEquals(List.of(List.of("0.1", "1", "0"), List.of(trials.get(2).get(2), "0", "1")),
        leaderboard.subList(1, leaderboard.size()).stream()
            .map(r -> List.of(r.get(2), r.get(3), r.get(count))).toList());
    assertEquals(1, SweepStatus.parse(Files.readString(dir.resolve("out/diverging/statistics.csv"))).size(),
        "only the header");
    assertTrue(console().contains("left out of the statistics"), console());

    // Never retried: the next invocation starts nothing.
    captured.reset();
    assertEquals(0, Main.run("sweep", file.toString()));
    assertTrue(!console().contains("attempt "), console());
  }
}
