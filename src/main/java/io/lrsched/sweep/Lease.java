package io.lrsched.sweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import io.lrsched.storage.WriteFence;

/**
 * The right to run one trial, held by one sweep invocation at a time.
 *
 * <p>Leases come in generations: {@code lease-000001}, {@code lease-000002}... The holder of the highest generation
 * owns the trial. Generation g+1 may be claimed once generation g is released (the state record, written under g,
 * is no longer {@code running}) or stale (its heartbeat, or without one the lease file's creation, is older than the
 * lease timeout). Claiming is creating the next generation's file if absent, which the file system does atomically
 * (see {@link SweepFolder#createLease}): of two invocations claiming the same generation, exactly one wins, for a
 * first claim and a takeover alike. The holder renews its heartbeat in the state record; an invocation that finds a
 * higher generation than its own has lost the lease (it was taken over while this one looked dead) and writes
 * nothing more.
 *
 * <p>Staleness is judged only by times that holders write: the heartbeat in the state record, or, before the
 * holder's first record, the {@code created=} line of its lease file (a lease file without one, caught between its
 * creation and its first write or left by a holder that died there, counts as stale: taking it over costs the
 * claimer that lost at most its claim, since it then finds the later generation). File systems' modification times
 * are never used: a NameNode's or object store's clock need not agree with the hosts'. The claimer compares these
 * times with its own clock, so the hosts' clocks must agree to well within the lease timeout (NTP does).
 *
 * <p>The lease is the {@link WriteFence} of every write into the trial's folder: a check fails once a later
 * generation exists, and once this holder has not been able to write its heartbeat for half the lease timeout
 * (others could take the trial over after a whole timeout, so it stops while it still has the other half).
 */
final class Lease implements AutoCloseable, WriteFence {

  /** What a claim found. */
  enum Outcome {
    /** This invocation holds the trial now. */
    CLAIMED,
    /** Another live invocation holds it. */
    HELD,
    /** Nobody will run it again: done, failed for good, or stopped. */
    FINISHED
  }

  /**
   * The result of a claim.
   *
   * @param outcome what happened
   * @param state the state record as found (for CLAIMED: before this claim)
   * @param lease the lease, for CLAIMED only
   * @param takenOver for CLAIMED: whether a stale lease was taken over
   */
  record Claim(Outcome outcome, TrialState state, Lease lease, boolean takenOver) {}

  private final SweepFolder folder;
  private final String trial;
  private final long generation;
  private final Clock clock;
  private final Duration timeout;
  private TrialState current;
  private boolean lost;
  /** When this holder last wrote its state record (or claimed): the last time it proved it holds the lease. */
  private Instant proven;
  /** Set once the heartbeat failed for half the timeout: this holder stops, even if the storage comes back. */
  private boolean cutOff;
  /** State records written under this generation. */
  private long version;
  private ScheduledExecutorService heartbeats;

  private Lease(SweepFolder folder, String trial, long generation, Clock clock, Duration timeout,
      TrialState current) {
    this.folder = folder;
    this.trial = trial;
    this.generation = generation;
    this.clock = clock;
    this.timeout = timeout;
    this.current = current;
    this.proven = clock.instant();
  }

  /**
   * Tries to claim a trial.
   *
   * @param owner {@code host:pid} of this invocation
   * @param timeout the lease timeout
   */
  static Claim claim(SweepFolder folder, String trial, String owner, Duration timeout, Clock clock) {
    TrialState state = folder.readState(trial);
    if (state.finished()) {
      return new Claim(Outcome.FINISHED, state, null, false);
    }
    long latest = folder.latestLease(trial);
    boolean takeover = false;
    if (latest > 0) {
      Instant lastSign;
      if (state.lease() == latest) {
        lastSign = state.state().equals(TrialState.RUNNING) ? state.heartbeat() : null;
      } else {
        // The holder of `latest` has not written its first record yet (or died before it did).
        lastSign = folder.leaseCreated(trial, latest).orElse(Instant.EPOCH);
      }
      if (lastSign != null) {
        if (!Duration.between(lastSign, clock.instant()).minus(timeout).isNegative()) {
          takeover = true;
        } else {
          return new Claim(Outcome.HELD, state, null, false);
        }
      }
    }
    long next = latest + 1;
    if (!folder.createLease(trial, next, "owner=" + owner + "\n" + SweepFolder.CREATED + clock.instant() + "\n")) {
      return new Claim(Outcome.HELD, state, null, false);
    }
    // Between our read and our claim the previous holder may have finished the trial.
    TrialState now = folder.readState(trial);
    Lease lease = new Lease(folder, trial, next, clock, timeout, now);
    if (now.finished()) {
      return new Claim(Outcome.FINISHED, now, null, false);
    }
    return new Claim(Outcome.CLAIMED, now, lease, takeover);
  }

  @Override
  public long generation() {
    return generation;
  }

  /** Refuses a write once a later generation exists or this holder cannot prove it holds the lease. */
  @Override
  public void check() {
    lostReason().ifPresent(reason -> {
      throw new FencedOut(reason);
    });
  }

  /** Why this holder may no longer write into the trial, if it may not. */
  synchronized java.util.Optional<String> lostReason() {
    if (!stillHeld()) {
      return java.util.Optional.of("lost the lease of trial " + trial + ": another invocation took it over (lease"
          + " generation " + folder.latestLease(trial) + " > " + generation + "; was this process paused or cut"
          + " off longer than sweep.lease-timeout?)");
    }
    if (!cutOff && Duration.between(proven, clock.instant()).compareTo(timeout.dividedBy(2)) > 0) {
      cutOff = true;
    }
    if (cutOff) {
      return java.util.Optional.of("lost the lease of trial " + trial + ": its heartbeat could not be written"
          + " since " + proven + ", for over half of sweep.lease-timeout (" + timeout.toSeconds() + " s); it stops"
          + " before another invocation may take it over");
    }
    return java.util.Optional.empty();
  }

  /** The state record as this holder last wrote it. */
  synchronized TrialState state() {
    return current;
  }

  /**
   * Changes the state record and writes it with a fresh heartbeat, unless the lease was lost.
   *
   * @return whether it was written
   */
  synchronized boolean update(UnaryOperator<TrialState> change) {
    TrialState next = change.apply(current);
    current = new TrialState(next.trial(), next.state(), next.attempts(), generation, next.owner(),
        clock.instant(), next.epoch(), next.bestValAccuracy(), next.finalValAccuracy(), next.runFolder(),
        next.error(), next.note());
    if (lostReason().isEmpty()) {
      folder.writeState(current, ++version, this);
      proven = current.heartbeat();
      return true;
    }
    return false;
  }

  /** Whether no later generation exists; once false, stays false. */
  synchronized boolean stillHeld() {
    if (!lost && folder.latestLease(trial) > generation) {
      lost = true;
    }
    return !lost;
  }

  /** Renews the heartbeat every {@code every} on a daemon thread until {@link #close()}. */
  synchronized void startHeartbeat(Duration every) {
    heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lrsched-heartbeat-" + trial);
      t.setDaemon(true);
      return t;
    });
    long millis = every.toMillis();
    heartbeats.scheduleAtFixedRate(this::beat, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void beat() {
    try {
      update(UnaryOperator.identity());
    } catch (RuntimeException e) {
      // A missed heartbeat is retried at the next tick; after half the lease timeout, lostReason() stops the holder.
      System.err.println("[WARN] heartbeat of trial " + trial + " not written: " + e.getMessage());
    }
  }

  /** Stops the heartbeat. The lease is released by the last state record (not running), not by this. */
  @Override
  public synchronized void close() {
    if (heartbeats != null) {
      heartbeats.shutdownNow();
      heartbeats = null;
    }
  }
}
