package io.lrsched.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldDrawAKerasBarWithRateAndTimeLeft() {
    AtomicLong clock = new AtomicLong();
    ProgressBar p =
        new ProgressBar(new PrintStream(new ByteArrayOutputStream()), ProgressBar.Mode.BAR, clock::get, 3, 32);
    p.startEpoch(1, 10);
    clock.set(2 * SECOND);
    // 5 of 10 steps in 2 s: 5 * 32 / 2 = 80 img/s; 5 more steps at 0.4 s = 2 s; 2 more epochs of 10 * 0.4 s = 8 s.
    assertEquals("Epoch 1/3 5/10 [" + "=".repeat(15) + ">" + ".".repeat(14) + "] - 80.0 img/s - ETA 0:02"
        + " - run ETA 0:10", p.barLine(5, clock.get()));
  }

  @Test
  void shouldEstimateTheRunFromFinishedEpochs() {
    AtomicLong clock = new AtomicLong();
    ProgressBar p =
        new ProgressBar(new PrintStream(new ByteArrayOutputStream()), ProgressBar.Mode.BAR, clock::get, 100, 128);
    p.startEpoch(1, 391);
    p.endEpoch(1000); // 1000 s with validation
    p.startEpoch(2, 391);
    clock.set(100 * SECOND);
    // 40 steps in 100 s: 2.5 s/step, 351 left = 877.5 s -> 14:38; 98 epochs after this at 1000 s each:
    // 98877.5 s -> 27 h 27 min 58 s. 40 * 128 images / 100 s = 51.2 img/s.
    assertEquals("[INFO] epoch 2/100: 40/391 steps (10%), 51.2 img/s, epoch ETA 14:38, run ETA 27:27:58",
        p.logLine(40, clock.get()));
  }

  @Test
  void shouldLogAtMostOnceAMinuteAndEraseTheBarBeforeTheEpochLine() {
    AtomicLong clock = new AtomicLong();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar log = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), ProgressBar.Mode.LOG,
        clock::get, 1, 10);
    log.startEpoch(1, 100);
    clock.set(30 * SECOND);
    log.stepsDone(10);
    assertEquals("", bytes.toString(StandardCharsets.UTF_8), "nothing before a minute has passed");
    clock.set(61 * SECOND);
    log.stepsDone(20);
    clock.set(90 * SECOND);
    log.stepsDone(30);
    assertEquals(1, bytes.toString(StandardCharsets.UTF_8).lines().count());

    ByteArrayOutputStream barBytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(barBytes, true, StandardCharsets.UTF_8), ProgressBar.Mode.BAR,
        clock::get, 1, 10);
    clock.set(0);
    bar.startEpoch(1, 100);
    clock.set(100 * SECOND);
    bar.stepsDone(50);
    bar.endEpoch(20);
    String out = barBytes.toString(StandardCharsets.UTF_8);
    String line = out.substring(1, out.indexOf('\r', 1));
    assertEquals("Epoch 1/1 50/100 [" + "=".repeat(15) + ">" + ".".repeat(14) + "] - 5.0 img/s - ETA 1:40"
        + " - run ETA 1:40", line);
    assertEquals("\r" + line + "\r" + " ".repeat(line.length()) + "\r", out,
        "drawn in place, then blanked out with the cursor back at the start for the epoch line");
  }

  @Test
  void shouldFormatDurationsAsKerasDoes() {
    assertEquals("0:07", ProgressBar.duration(7));
    assertEquals("12:05", ProgressBar.duration(725));
    assertEquals("2:03:11", ProgressBar.duration(7391));
  }
}
