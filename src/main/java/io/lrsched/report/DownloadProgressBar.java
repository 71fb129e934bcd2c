package io.lrsched.report;

import io.lrsched.download.ArchiveDownload;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Signs of life while an archive downloads, in {@link ProgressBar}'s two styles: on a terminal a bar redrawn in place
 * (megabytes so far and in all, MB/s, time left), erased at the end; in a log a plain line at most once a minute.
 * The rate counts only this attempt's bytes, so a resumed download does not look faster than the network is.
 */
public final class DownloadProgressBar implements ArchiveDownload.Progress {
  private final PrintStream out;
  private final ProgressBar.Mode mode;
  private final LongSupplier nanoClock;
  private final String name;

  private long total;
  private long startBytes;
  private long start;
  private long lastLog;
  private int lastWidth;

  /**
   * @param out where the bar or lines go
   * @param mode how to show progress
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
   * @param name what is downloading, e.g. the file name
   */
  public DownloadProgressBar(PrintStream out, ProgressBar.Mode mode, LongSupplier nanoClock, String name) {
    this.out = out;
    this.mode = mode;
    this.nanoClock = nanoClock;
    this.name = name;
  }

  @Override
  public void start(long have, long total) {
    this.total = total;
    this.startBytes = have;
    this.start = nanoClock.getAsLong();
    this.lastLog = start;
    if (mode != ProgressBar.Mode.OFF && have > 0) {
      out.println(String.format(Locale.ROOT, "[INFO] resuming %s at %.1f MB", name, have / 1e6));
    }
  }

  @Override
  public void advanced(long have) {
    long now = nanoClock.getAsLong();
    if (mode == ProgressBar.Mode.BAR) {
      String line = line(have, now);
      out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
      out.flush();
      lastWidth = line.length();
    } else if (mode == ProgressBar.Mode.LOG && now - lastLog >= ProgressBar.LOG_INTERVAL_NANOS) {
      out.println("[INFO] " + line(have, now));
      lastLog = now;
    }
  }

  @Override
  public void end() {
    if (mode == ProgressBar.Mode.BAR && lastWidth > 0) {
      out.print("\r" + " ".repeat(lastWidth) + "\r");
      out.flush();
      lastWidth = 0;
    }
  }

  /** {@code cifar-10-binary.tar.gz 45.2/170.1 MB [=======>......................] 5.1 MB/s - ETA 0:24}. */
  String line(long have, long now) {
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    double rate = (have - startBytes) / seconds;
    if (total <= 0) {
      return String.format(Locale.ROOT, "%s %.1f MB - %.1f MB/s", name, have / 1e6, rate / 1e6);
    }
    int width = ProgressBar.BAR_WIDTH;
    int filled = (int) Math.min(width, width * have / total);
    String bar = filled >= width ? "=".repeat(width) : "=".repeat(filled) + ">" + ".".repeat(width - filled - 1);
    String eta = rate > 0 ? ProgressBar.duration((total - have) / rate) : "?";
    return String.format(Locale.ROOT, "%s %.1f/%.1f MB [%s] %.1f MB/s - ETA %s", name, have / 1e6, total / 1e6, bar,
        rate / 1e6, eta);
  }
}
