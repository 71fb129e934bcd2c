package io.lrsched.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DownloadProgressBarTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldCountOnlyThisAttemptsBytesInTheRateOfAResumedDownload() {
    AtomicLong clock = new AtomicLong();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DownloadProgressBar bar = new DownloadProgressBar(new PrintStream(printed, true, StandardCharsets.UTF_8),
        ProgressBar.Mode.BAR, clock::get, "cifar-10-binary.tar.gz");
    bar.start(40_000_000, 170_052_171); // resumed at 40 MB of the real archive's 170,052,171 bytes
    clock.set(10 * SECOND);
    // 60 MB more in 10 s: 6.0 MB/s; 70,052,171 bytes left at 6 MB/s = 11.68 s -> 0:12; 100/170.05 of 30 = 17 '='.
    assertEquals("cifar-10-binary.tar.gz 100.0/170.1 MB [" + "=".repeat(17) + ">" + ".".repeat(12)
        + "] 6.0 MB/s - ETA 0:12", bar.line(100_000_000, clock.get()));
    assertEquals("[INFO] resuming cifar-10-binary.tar.gz at 40.0 MB\n", printed.toString(StandardCharsets.UTF_8));
  }

  @Test
  void shouldShowBytesAndRateWhenTheServerGivesNoLength() {
    AtomicLong clock = new AtomicLong();
    DownloadProgressBar bar = new DownloadProgressBar(new PrintStream(new ByteArrayOutputStream()),
        ProgressBar.Mode.LOG, clock::get, "a.tar.gz");
    bar.start(0, -1);
    clock.set(4 * SECOND);
    assertEquals("a.tar.gz 2.0 MB - 0.5 MB/s", bar.line(2_000_000, clock.get()));
  }
}
