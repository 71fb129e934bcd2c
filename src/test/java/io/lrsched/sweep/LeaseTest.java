package io.lrsched.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.storage.WriteFence;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claims, releases and takeovers of trial leases on local disk. */
class LeaseTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  @TempDir Path dir;

  /** A clock the test moves. */
  private static final class Hands extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void shouldHoldALiveLeaseReleaseAWaitingOneAndTakeAStaleOneOver() {
    SweepFolder folder = SweepFolder.open(dir.resolve("sweep").toString());
    Hands clock = new Hands();
    Lease.Claim first = Lease.claim(folder, "t1", "a:1", TIMEOUT, clock);
    assertEquals(Lease.Outcome.CLAIMED, first.outcome());
    first.lease().update(s -> s.with(TrialState.RUNNING, 1, 0, "a:1", null));

    clock.now = clock.now.plus(Duration.ofMinutes(9));
    assertEquals(Lease.Outcome.HELD, Lease.claim(folder, "t1", "b:2", TIMEOUT, clock).outcome(), "heartbeat fresh");

    clock.now = clock.now.plus(Duration.ofMinutes(2));
    Lease.Claim takeover = Lease.claim(folder, "t1", "b:2", TIMEOUT, clock);
    assertEquals(Lease.Outcome.CLAIMED, takeover.outcome(), "11 minutes without a heartbeat: stale");
    assertTrue(takeover.takenOver());
    assertEquals(2, takeover.lease().generation());
    assertEquals("a:1", takeover.state().owner());

    // The old holder finds the newer generation and writes nothing more.
    assertFalse(first.lease().update(s -> s.withProgress(3, 0.5, 0.5, "")));
    assertEquals(0, folder.readState("t1").epoch());

    // Released (waiting) under generation 2: the next claim needs no timeout.
    takeover.lease().update(s -> s.with(TrialState.WAITING, 1, 0, "b:2", null));
    Lease.Claim third = Lease.claim(folder, "t1", "c:3", TIMEOUT, clock);
    assertEquals(Lease.Outcome.CLAIMED, third.outcome());
    assertFalse(third.takenOver());
    third.lease().update(s -> s.with(TrialState.DONE, 1, 0, "c:3", null));
    assertEquals(Lease.Outcome.FINISHED, Lease.claim(folder, "t1", "d:4", TIMEOUT, clock).outcome());
  }

  @Test
  void shouldLetExactlyOneOfManyRacingClaimersWin() throws Exception {
    SweepFolder folder = SweepFolder.open(dir.resolve("race").toString());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 50; round++) {
        String trial = "t" + round;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
          results.add(pool.submit(() -> {
            go.await();
            return folder.createLease(trial, 1, "racer");
          }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> r : results) {
          winners += r.get() ? 1 : 0;
        }
        assertEquals(1, winners, "round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldRefuseWritesOnceALaterGenerationExistsOrTheHeartbeatIsOverdueByHalfTheTimeout() {
    SweepFolder folder = SweepFolder.open(dir.resolve("fence").toString());
    Hands clock = new Hands();
    Lease first = Lease.claim(folder, "t1", "a:1", TIMEOUT, clock).lease();
    first.update(s -> s.with(TrialState.RUNNING, 1, 0, "a:1", null));
    first.check();
    clock.now = clock.now.plus(Duration.ofMinutes(11));
    Lease second = Lease.claim(folder, "t1", "b:2", TIMEOUT, clock).lease();
    WriteFence.FencedOut lost = assertThrows(WriteFence.FencedOut.class, first::check);
    assertTrue(lost.getMessage().contains("lost the lease of trial t1: another invocation took it over"),
        lost.getMessage());

    // The second's heartbeat is written, then not for 4 minutes (fine), then not for 5 min 1 s: over half of 10 min.
    second.update(s -> s.with(TrialState.RUNNING, 2, 0, "b:2", null));
    clock.now = clock.now.plus(Duration.ofMinutes(4));
    second.check();
    clock.now = clock.now.plus(Duration.ofSeconds(61));
    WriteFence.FencedOut cut = assertThrows(WriteFence.FencedOut.class, second::check);
    assertTrue(cut.getMessage().contains("heartbeat could not be written"), cut.getMessage());
    assertFalse(second.update(s -> s.withProgress(3, 0.5, 0.5, "")), "it writes nothing more, not even its state");
    assertEquals(0, folder.readState("t1").epoch());
  }

  @Test
  void shouldJudgeALeaseByItsHoldersCreatedLineNotTheFileSystemsClock() {
    SweepFolder folder = SweepFolder.open(dir.resolve("clock").toString());
    Hands clock = new Hands();
    // Written now by the file system's clock (this year), but by its holder's clock 11 minutes before the claimer's.
    folder.createLease("t1", 1, "owner=a:1\n" + SweepFolder.CREATED + clock.now.minus(Duration.ofMinutes(11)) + "\n");
    Lease.Claim stale = Lease.claim(folder, "t1", "b:2", TIMEOUT, clock);
    assertEquals(Lease.Outcome.CLAIMED, stale.outcome(), "11 minutes old by the holder's clock");
    assertTrue(stale.takenOver());

    folder.createLease("t2", 1, "owner=a:1\n" + SweepFolder.CREATED + clock.now.minus(Duration.ofMinutes(9)) + "\n");
    assertEquals(Lease.Outcome.HELD, Lease.claim(folder, "t2", "b:2", TIMEOUT, clock).outcome(), "9 minutes old");

    // A lease file without its line (its holder died between creating and writing it) does not hold a trial forever.
    folder.createLease("t3", 1, "");
    assertEquals(Lease.Outcome.CLAIMED, Lease.claim(folder, "t3", "b:2", TIMEOUT, clock).outcome());
  }
}
