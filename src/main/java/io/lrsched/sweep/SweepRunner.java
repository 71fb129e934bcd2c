package io.lrsched.sweep;

import io.lrsched.report.EpochMetrics;
import io.lrsched.results.SweepReportPage;
import io.lrsched.storage.StorageException;
import io.lrsched.storage.WriteFence;
import io.lrsched.train.EpochListener;
import io.lrsched.train.ExperimentRunner;
import io.lrsched.train.RunSummary;
import io.lrsched.train.TrainingDiverged;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * One invocation of a sweep: walks the plan's trials in order, skips finished ones and those another invocation
 * holds, claims and runs the rest until the trial or time budget is spent, then writes the leaderboard and the
 * statistics of every trial done so far (by any invocation).
 */
public final class SweepRunner {

  /** How an invocation ended, for the exit code. */
  public enum Outcome {
    /** Every trial is done, stopped or diverged. */
    COMPLETE,
    /** Trials remain: the budget ran out, or other invocations hold them. */
    WORK_REMAINS,
    /** A trial failed for good. */
    FAILED,
    /** This invocation lost a trial's lease (paused, or its heartbeat failed): it stopped, others go on. */
    LEASE_LOST
  }

  /**
   * Limits of one invocation.
   *
   * @param maxTrials trials this invocation may start (0 = no limit)
   * @param timeBudget time after which no trial is started (null = no limit)
   */
  public record Budget(int maxTrials, Duration timeBudget) {}

  /** Runs one trial's experiment: the seam between the sweep and training. */
  @FunctionalInterface
  public interface TrialExecutor {
    /**
     * @param trial the trial
     * @param runFolder the trial's run folder: resumed from its newest checkpoint if it has one
     * @param listener told after every epoch, may stop the run
     * @param fence checked before every write into the trial's folder: the trial's lease
     * @param stallTimeout time without a finished averaging round after which the run fails
     * @param console where progress goes
     * @return the run, completed or stopped
     */
    RunSummary run(Trial trial, String runFolder, EpochListener listener, WriteFence fence, Duration stallTimeout,
        PrintStream console);
  }

  /** The real executor: the trial's experiment on Spark, in a Spark application of its own per trial. */
  public static final TrialExecutor SPARK = (trial, runFolder, listener, fence, stallTimeout, console) ->
      new ExperimentRunner(trial.settings(), console).runIn(runFolder, listener, fence, stallTimeout);

  private final SweepPlan plan;
  private final Budget budget;
  private final TrialExecutor executor;
  private final PrintStream console;
  private final Clock clock;
  private final String owner;
  private String failureLine;
  /** Why this invocation stopped after losing a trial's lease; null while it holds every lease it claimed. */
  private String lostLine;
  private Instant start;
  private SweepFolder folder;
  /** Set when a trial stopped early for the time budget: starting another would only run it for a moment. */
  private boolean budgetStopped;

  /**
   * @param plan the expanded sweep
   * @param budget limits of this invocation
   * @param executor runs a trial
   * @param console where progress, tables and verdicts go
   * @param clock the clock of heartbeats and budgets
   */
  public SweepRunner(SweepPlan plan, Budget budget, TrialExecutor executor, PrintStream console, Clock clock) {
    this.plan = plan;
    this.budget = budget;
    this.executor = executor;
    this.console = console;
    this.clock = clock;
    this.owner = hostName() + ":" + ProcessHandle.current().pid();
  }

  /**
   * The last line to print when the outcome is {@link Outcome#FAILED} (which trial failed, and why) or {@link
   * Outcome#LEASE_LOST} (which trial's lease was lost, and why).
   */
  public String failureLine() {
    return lostLine != null ? lostLine : failureLine;
  }

  /**
   * Runs what this invocation can.
   *
   * @return how the sweep stands
   */
  public Outcome run() {
    return run(() -> { });
  }

  /**
   * Runs what this invocation can, then waits for {@code others} before the leaderboard is written.
   *
   * @param others waits for the other processes of a {@code --parallel} invocation
   * @return how the sweep stands
   */
  public Outcome run(Runnable others) {
    folder = SweepFolder.open(plan.folderUri());
    if (!folder.atomicCreate()) {
      console.println("[WARN] " + folder.uri() + ": this file system has no atomic create-if-absent; two sweep"
          + " invocations at once could run a trial twice. Run one invocation at a time (see README, Sweeps).");
    }
    folder.writeText("sweep.conf", "# Resolved sweep (from " + plan.sweep().file().toAbsolutePath() + "; base"
        + " experiment " + (plan.sweep().experiment() == null ? "reference.conf" : plan.sweep().experiment()) + ")\n"
        + plan.sweep().rendered());
    console.printf("[INFO] sweep %s: %d trials in %s%n", plan.sweep().name(), plan.trials().size(), folder.uri());
    folder.writeText("trials.csv", report().trialsCsv());
    start = clock.instant();
    int started = 0;
    // Adaptive seeds want more trials as rounds are decided: a pass tries the trials wanted now, each trial once per
    // invocation, and the next pass those the finished ones added.
    Set<String> tried = new HashSet<>();
    boolean spent = false;
    for (List<Trial> pass = untried(tried); !pass.isEmpty() && !spent; pass = untried(tried)) {
      for (Trial trial : pass) {
        spent = budgetSpent(started);
        if (spent) {
          break;
        }
        tried.add(trial.id());
        Lease.Claim claim =
            Lease.claim(folder, trial.id(), owner, plan.sweep().leaseTimeout(), clock);
        if (claim.outcome() == Lease.Outcome.CLAIMED) {
          started++;
          runClaimed(trial, claim);
        }
      }
      if (lostLine != null) {
        break; // a process that was paused or cut off claims nothing more: a fresh invocation is safer
      }
    }
    others.run();
    SweepReport report = report();
    folder.writeText("trials.csv", report.trialsCsv());
    folder.writeText("leaderboard.csv", report.leaderboardCsv());
    folder.writeText("statistics.csv", report.statisticsCsv());
    SweepReportPage.write(folder.runFolder());
    report.print(console);
    Outcome outcome = outcome(report.states());
    return lostLine != null && outcome != Outcome.FAILED ? Outcome.LEASE_LOST : outcome;
  }

  private SweepReport report() {
    Map<String, TrialState> states = states();
    return new SweepReport(plan.trials(), states, TestAccuracies.read(states), SeedRounds.of(plan));
  }

  private Map<String, TrialState> states() {
    Map<String, TrialState> states = new LinkedHashMap<>();
    plan.trials().forEach(t -> states.put(t.id(), folder.readState(t.id())));
    return states;
  }

  /** The trials wanted now (all of a plain sweep; those decided so far with adaptive seeds) not yet tried. */
  private List<Trial> untried(Set<String> tried) {
    return SeedRounds.of(plan).wanted(plan.trials(), states()).stream()
        .filter(t -> !tried.contains(t.id())).toList();
  }

  private boolean budgetSpent(int started) {
    if (budget.maxTrials() > 0 && started >= budget.maxTrials()) {
      console.println("[INFO] --max-trials " + budget.maxTrials() + " reached: no further trial is started");
      return true;
    }
    if (budget.timeBudget() != null
        && (budgetStopped || Duration.between(start, clock.instant()).compareTo(budget.timeBudget()) >= 0)) {
      console.println("[INFO] --time-budget reached: no further trial is started");
      return true;
    }
    return false;
  }

  private void runClaimed(Trial trial, Lease.Claim claim) {
    Lease lease = claim.lease();
    TrialState before = claim.state();
    int maxAttempts = plan.sweep().maxAttempts();
    if (before.attempts() >= maxAttempts) {
      lease.update(s -> s.with(TrialState.FAILED, s.attempts(), 0, owner, null)
          .withError("gave up after " + s.attempts() + " attempts; the last: "
              + (s.error().isEmpty() ? "ended without a record (killed or crashed)" : s.error())));
      return;
    }
    console.printf("[INFO] trial %s (%s): attempt %d of %d%s%n", trial.id(), trial.describe(),
        before.attempts() + 1, maxAttempts,
        claim.takenOver() ? ", taking over the stale lease of " + before.owner() : "");
    String runFolder = SweepFolder.trialFolder(folder.uri(), trial.id()) + "/run";
    lease.update(s -> s.with(TrialState.RUNNING, s.attempts() + 1, 0, owner, null).withError(""));
    lease.startHeartbeat(plan.sweep().heartbeat());
    Optional<MedianStoppingRule> rule = Optional.ofNullable(plan.sweep().medianStopping())
        .map(m -> new MedianStoppingRule(m.graceEpochs(), m.minTrials()));
    String[] stopNote = {null};
    EpochListener listener = (epoch, metrics) -> {
      double best = Math.max(lease.state().epoch() == 0 ? Double.NEGATIVE_INFINITY
          : lease.state().bestValAccuracy(), metrics.valAccuracy());
      try {
        lease.update(s -> s.withProgress(epoch, best, metrics.valAccuracy(), runFolder));
      } catch (StorageException e) {
        // Like a missed heartbeat: the run goes on until the lease's own rule says it cannot prove it holds it.
        console.println("[WARN] trial " + trial.id() + ": epoch " + epoch + " not recorded in its state: "
            + e.getMessage());
      }
      lease.check();
      Optional<String> median = rule.flatMap(r -> r.check(epoch, best, completedHistories(trial)));
      if (median.isPresent()) {
        stopNote[0] = median.get();
        return EpochListener.Decision.STOP;
      }
      if (epochWouldOverrunBudget(metrics.seconds())) {
        console.printf("[INFO] --time-budget: trial %s stops after epoch %d (checkpoint kept; the next invocation"
            + " resumes it)%n", trial.id(), epoch);
        budgetStopped = true;
        return EpochListener.Decision.STOP;
      }
      return EpochListener.Decision.CONTINUE;
    };
    try {
      RunSummary summary =
          executor.run(trial, runFolder, listener, lease, plan.sweep().stallTimeout(), console);
      lease.close();
      List<EpochMetrics> history = summary.history();
      double best = history.stream().mapToDouble(EpochMetrics::valAccuracy).max().orElse(Double.NaN);
      double last = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).valAccuracy();
      boolean written;
      if (stopNote[0] != null) {
        written = lease.update(s -> s.with(TrialState.STOPPED, s.attempts(), 0, owner, null)
            .withProgress(history.size(), best, last, summary.runFolder()).withNote(stopNote[0]));
        console.println("[INFO] trial " + trial.id() + " stopped: " + stopNote[0]);
      } else if (summary.stopped()) {
        // A clean stop for the budget is not a failed attempt.
        written = lease.update(s -> s.with(TrialState.WAITING, s.attempts() - 1, 0, owner, null)
            .withProgress(history.size(), best, last, summary.runFolder()));
      } else {
        written = lease.update(s -> s.with(TrialState.DONE, s.attempts(), 0, owner, null)
            .withProgress(history.size(), best, last, summary.runFolder()));
      }
      if (!written) {
        lostLine = lease.lostReason().orElse("lost the lease of trial " + trial.id());
      }
    } catch (TrainingDiverged e) {
      lease.close();
      boolean written = lease.update(s -> s.with(TrialState.DIVERGED, s.attempts(), 0, owner, null)
          .withProgress(s.epoch(), s.bestValAccuracy(), s.finalValAccuracy(), runFolder).withNote(e.getMessage()));
      if (!written) {
        lostLine = lease.lostReason().orElse("lost the lease of trial " + trial.id());
        return;
      }
      console.println("[INFO] trial " + trial.id() + " " + e.getMessage() + " (a result of its configuration: not"
          + " retried)");
    } catch (RuntimeException e) {
      lease.close();
      Optional<String> lost = lease.lostReason();
      if (lost.isPresent()) {
        // Not a failed attempt: the trial is another invocation's now (or will be once this lease goes stale).
        lostLine = lost.get();
        return;
      }
      String error = e.getMessage() == null ? e.toString() : e.getMessage();
      try {
        lease.update(s -> s.with(s.attempts() >= maxAttempts ? TrialState.FAILED : TrialState.WAITING,
            s.attempts(), 0, owner, null).withError(error));
      } catch (RuntimeException recording) {
        // The storage that failed the trial may fail its record too: the record stays "running", the lease goes
        // stale and a later invocation retries the trial; this one goes on and still writes the leaderboard.
        console.printf("[WARN] trial %s: its failure could not be recorded: %s%n", trial.id(),
            TrialState.oneLine(recording.getMessage()));
      }
      console.printf("[WARN] trial %s failed (attempt %d of %d): %s%n", trial.id(), lease.state().attempts(),
          maxAttempts, TrialState.oneLine(error));
    } finally {
      lease.close();
    }
  }

  /** Whether one more epoch as long as the last would end after the time budget. */
  private boolean epochWouldOverrunBudget(double lastEpochSeconds) {
    if (budget.timeBudget() == null) {
      return false;
    }
    Duration next = Duration.ofMillis((long) (lastEpochSeconds * 1000));
    return Duration.between(start, clock.instant()).plus(next).compareTo(budget.timeBudget()) > 0;
  }

  /** Per-epoch val_accuracy of every completed (done) trial of the sweep, for the median stopping rule. */
  private List<List<Double>> completedHistories(Trial current) {
    List<List<Double>> histories = new ArrayList<>();
    for (Trial t : plan.trials()) {
      TrialState s = folder.readState(t.id());
      if (t != current && s.state().equals(TrialState.DONE) && !s.runFolder().isEmpty()) {
        histories.add(valAccuracies(s.runFolder()));
      }
    }
    return histories;
  }

  private static List<Double> valAccuracies(String runFolder) {
    String csv = io.lrsched.storage.RunFolder.open(runFolder).readText("metrics.csv");
    return io.lrsched.report.MetricsCsv.parse(csv).stream().map(EpochMetrics::valAccuracy).toList();
  }

  private Outcome outcome(Map<String, TrialState> states) {
    long remaining = 0;
    List<Trial> wanted = SeedRounds.of(plan).wanted(plan.trials(), states);
    for (Trial trial : wanted) {
      TrialState s = states.get(trial.id());
      if (s.state().equals(TrialState.FAILED)) {
        String values = trial.describe().isEmpty() ? "" : " (" + trial.describe() + ")";
        failureLine = "trial " + trial.id() + values + " failed for good after " + s.attempts()
            + " attempt(s): " + s.error();
      } else if (!s.finished()) {
        remaining++;
      }
    }
    if (failureLine != null) {
      return Outcome.FAILED;
    }
    if (remaining > 0) {
      console.printf("[INFO] %d of %d trials wanted so far not done yet (run the sweep again to continue)%n",
          remaining, wanted.size());
      return Outcome.WORK_REMAINS;
    }
    return Outcome.COMPLETE;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
