package io.lrsched.cli;

import io.lrsched.config.SweepLoader;
import io.lrsched.config.SweepSettings;
import io.lrsched.nativeops.NativeSetup;
import io.lrsched.sweep.SweepPlan;
import io.lrsched.sweep.SweepRunner;
import io.lrsched.sweep.Trial;
import io.lrsched.sweep.TrialProcesses;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code lrsched sweep SWEEP.conf}: expands a sweep's trials, skips finished ones, resumes or runs the rest, then
 * writes the leaderboard and statistics. Safe to start from a scheduler while another invocation still runs.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Run a sweep: many trials (grid, linked and random axes, several seeds each), then a leaderboard and"
          + " statistics with verdicts per pair of configurations.",
      "Exit codes: 0 the sweep is complete, 75 work remains (budget reached, trials held by another"
          + " invocation, or this one lost a trial's lease: named on the last line), 1 a trial failed for good (named on the last line), 2 a bad sweep file."
    })
final class SweepCommand implements Callable<Integer> {

  /** Exit code when trials remain (EX_TEMPFAIL of sysexits.h: try again later). */
  static final int EXIT_WORK_REMAINS = TrialProcesses.EXIT_WORK_REMAINS;

  @Parameters(index = "0", paramLabel = "SWEEP.conf", description = "HOCON sweep file (see conf/sweeps/).")
  Path sweepFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a sweep.* key, or set an experiment key for every trial (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--parallel", paramLabel = "P", defaultValue = "1",
      description = "Trials at once, each in its own Spark application (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--max-trials", paramLabel = "N", defaultValue = "0",
      description = "Start at most N trials in this invocation (0 = no limit).")
  int maxTrials;

  @Option(names = "--time-budget", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Start no trial after this much time, e.g. 50m, 2h, 1h30m.")
  Duration timeBudget;

  @Option(names = "--dry-run", description = "List the trials with their ids and values; run nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    if (parallel < 1 || maxTrials < 0) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--parallel must be >= 1 and --max-trials >= 0");
    }
    SweepSettings sweep = new SweepLoader().load(sweepFile, overrides);
    SweepPlan plan = SweepPlan.expand(sweep);
    if (dryRun) {
      System.out.printf("sweep %s: %d trials, folder %s%n", sweep.name(), plan.trials().size(), plan.folderUri());
      for (Trial t : plan.trials()) {
        System.out.printf("%s  group %s  seed %d  %s%n", t.id(), t.group(), t.seed(), t.describe());
      }
      return 0;
    }
    // A trial budget is shared out among the processes; never more processes than trials allowed.
    int processes = maxTrials > 0 ? Math.min(parallel, maxTrials) : parallel;
    List<Integer> shares = new ArrayList<>();
    for (int i = 0; i < processes; i++) {
      shares.add(maxTrials == 0 ? 0 : maxTrials / processes + (i < maxTrials % processes ? 1 : 0));
    }
    List<Process> others = processes > 1 ? TrialProcesses.start(shares.subList(1, processes), System.out) : List.of();
    System.out.println("[INFO] " + NativeSetup.configure());
    SweepRunner runner = new SweepRunner(plan, new SweepRunner.Budget(shares.get(0), timeBudget),
        SweepRunner.SPARK, System.out, Clock.systemUTC());
    String[] abnormalChild = {null};
    SweepRunner.Outcome outcome = runner.run(() -> abnormalChild[0] = TrialProcesses.await(others).orElse(null));
    if (abnormalChild[0] != null && outcome != SweepRunner.Outcome.FAILED) {
      // The leaderboard is written; but a process that crashed or was killed is this invocation's failure too.
      System.out.println("lrsched: " + abnormalChild[0]);
      return Main.EXIT_FAILURE;
    }
    return switch (outcome) {
      case COMPLETE -> 0;
      case WORK_REMAINS -> EXIT_WORK_REMAINS;
      case LEASE_LOST -> {
        System.out.println("lrsched: " + runner.failureLine());
        yield EXIT_WORK_REMAINS;
      }
      case FAILED -> {
        System.out.println("lrsched: " + runner.failureLine());
        yield Main.EXIT_FAILURE;
      }
    };
  }

  /** Durations as people write them: 90s, 50m, 2h, 1h30m. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern FORMAT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Override
    public Duration convert(String text) {
      Matcher m = FORMAT.matcher(text.strip());
      if (text.isBlank() || !m.matches()) {
        throw new TypeConversionException("'" + text + "': expected a duration such as 90s, 50m, 2h or 1h30m");
      }
      Duration d = Duration.ZERO;
      if (m.group(1) != null) {
        d = d.plusHours(Long.parseLong(m.group(1)));
      }
      if (m.group(2) != null) {
        d = d.plusMinutes(Long.parseLong(m.group(2)));
      }
      if (m.group(3) != null) {
        d = d.plusSeconds(Long.parseLong(m.group(3)));
      }
      if (d.isZero()) {
        throw new TypeConversionException("'" + text + "': expected a duration > 0");
      }
      return d;
    }
  }
}
