package io.lrsched.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.config.SweepLoader;
import io.lrsched.report.EpochMetrics;
import io.lrsched.train.RunSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adaptive seeds through the real {@link SweepRunner} over several invocations, with a trial executor that returns a
 * given final val_accuracy instead of training (the seam the runner offers; Spark adds nothing to what is checked).
 */
class AdaptiveSweepTest {

  @TempDir Path dir;

  private SweepPlan plan() throws IOException {
    Files.writeString(dir.resolve("base.conf"), "experiment.name = base\ntraining.epochs = 1\noutput.dir = \""
        + dir.resolve("runs") + "\"\n");
    Path file = dir.resolve("adaptive.conf");
    Files.writeString(file, """
        sweep { experiment = base.conf, grid { "schedule.type" = [none, step] }, seeds { initial = 2, max = 4 } }
        """);
    return SweepPlan.expand(new SweepLoader().load(file, List.of()));
  }

  /** Runs one invocation; every trial's one epoch ends at {@code accuracy} of the trial; records what ran. */
  private SweepRunner.Outcome invoke(SweepPlan plan, int maxTrials, ToDoubleFunction<Trial> accuracy,
      List<String> ran) {
    SweepRunner.TrialExecutor executor = (trial, runFolder, listener, fence, stallTimeout, console) -> {
      ran.add(trial.id());
      EpochMetrics epoch = new EpochMetrics(1, 0.1, 1.0, 0.5, 1.0, accuracy.applyAsDouble(trial), 1.0, 10);
      listener.afterEpoch(1, epoch);
      return new RunSummary(runFolder, List.of(epoch), null, false);
    };
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new SweepRunner(plan, new SweepRunner.Budget(maxTrials, null), executor, quiet, Clock.systemUTC()).run();
  }

  @Test
  void shouldAddSeedsRoundByRoundOverInvocationsWhileUndecided() throws IOException {
    SweepPlan plan = plan();
    // Equal groups: never decided, so both groups get every seed up to max, one round at a time.
    ToDoubleFunction<Trial> equal = t -> 0.5 + 0.01 * ((t.seed() * 7 + t.values().hashCode()) % 5);
    List<String> ran = new ArrayList<>();
    assertEquals(SweepRunner.Outcome.WORK_REMAINS, invoke(plan, 3, equal, ran));
    assertEquals(3, ran.size(), "--max-trials 3 of the 4 initial trials");
    assertEquals(SweepRunner.Outcome.COMPLETE, invoke(plan, 0, equal, ran));
    assertEquals(8, ran.size(), "then the 4th initial trial and two rounds of one seed per group: " + ran);
    assertEquals(8, ran.stream().distinct().count(), "each trial ran once, under its planned id");
    assertEquals(Set.copyOf(plan.trials().stream().map(Trial::id).toList()), Set.copyOf(ran));
    assertEquals(SweepRunner.Outcome.COMPLETE, invoke(plan, 0, equal, ran));
    assertEquals(8, ran.size(), "a finished sweep runs nothing more");
  }

  @Test
  void shouldStopAddingSeedsOnceTheVerdictIsDecided() throws IOException {
    SweepPlan plan = plan();
    // 0.9 against 0.1 with spread 0.001: Holm p far below look 1's level (0.025 / 2) after the initial seeds.
    ToDoubleFunction<Trial> apart = t -> (t.values().get("schedule.type").contains("none") ? 0.9 : 0.1)
        + 0.001 * t.seed();
    List<String> ran = new ArrayList<>();
    assertEquals(SweepRunner.Outcome.COMPLETE, invoke(plan, 0, apart, ran));
    assertEquals(4, ran.size(), "the initial 2 seeds of each group, no more: " + ran);
    String statistics = Files.readString(dir.resolve("runs/adaptive/statistics.csv"));
    assertTrue(statistics.contains("none > step by 80.00 points"), statistics);
    assertTrue(statistics.contains(",0.0125,"), "look 1 of 3: the level is 0.025 / 2: " + statistics);
  }
}
