package io.lrsched.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.cli.Main;
import io.lrsched.results.Fixtures;
import io.lrsched.results.RunRecord;
import io.lrsched.storage.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML reports in a real browser (headless Chromium): a real two-epoch run's report.html, a comparison of it with
 * two hand-made runs, and a hand-made sweep's report.html. Each page must show every image (non-zero natural size)
 * and raise no error; screenshots go to target/browser/ for people to look at.
 *
 * <p>Without Chromium the test is skipped with a message, except in CI (CI=true), where it fails: .ci/run installs
 * Debian's chromium package when it is missing.
 */
@Tag("browser")
class ReportsBrowserIT {

  private static final Path SHOTS = Path.of("target", "browser");

  @TempDir static Path out;
  private static Chromium chromium;

  @BeforeAll
  static void findBrowser() throws Exception {
    chromium = Chromium.find().orElse(null);
    if (chromium == null) {
      String message = "NO CHROMIUM: the browser test of the HTML reports is SKIPPED. Install Debian's chromium"
          + " package (apt-get install chromium) or set LRSCHED_CHROMIUM to a Chromium binary.";
      System.err.println("[WARN] " + message);
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message + " In CI this is a failure (.ci/run installs it).");
      }
      Assumptions.assumeTrue(false, message);
    }
    Files.createDirectories(SHOTS);
    System.setProperty("spark.master", "local[2]");
  }

  @AfterAll
  static void clearMaster() {
    System.clearProperty("spark.master");
  }

  @Test
  void shouldRenderARunReportAComparisonAndASweepReport() throws Exception {
    List<String> train = new ArrayList<>(List.of("train"));
    for (String setting : Fixtures.TINY) {
      train.addAll(List.of("--set", setting));
    }
    train.addAll(List.of("--set", "experiment.name=browser", "--set", "training.epochs=2", "--set",
        "schedule.type=step", "--set", "schedule.step.drop-every=2", "--set",
        "output.dir=\"" + out.resolve("runs").toUri() + "\""));
    assertEquals(0, Main.run(train.toArray(String[]::new)));
    Path run;
    try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
      run = runs.filter(p -> p.getFileName().toString().startsWith("browser-")).findFirst().orElseThrow();
    }
    RunRecord record = RunRecord.parse(Files.readString(run.resolve(RunRecord.FILE)));
    List<EpochMetrics> history = MetricsCsv.parse(Files.readString(run.resolve("metrics.csv")));
    assertEquals(RunRecord.DONE, record.status());
    assertEquals(2, record.epochsDone());
    assertEquals(history.get(1).valAccuracy(), record.last().get("val_accuracy"));
    assertEquals("step", record.settings().get("schedule.type"));
    assertEquals(BuildInfo.current().commit(), record.commit());
    check(run.resolve("report.html"), "run-report.png", 3);

    Fixtures.run(out.resolve("runs").toString(), "none", "none", "2026-01-01T00:00:00Z",
        new double[] {0.2, 0.3}, new double[] {0.1, 0.1});
    Fixtures.run(out.resolve("runs").toString(), "poly", "poly", "2026-01-01T00:01:00Z",
        new double[] {0.25, 0.28}, new double[] {0.1, 0.003125});
    assertEquals(0, Main.run("compare", out.resolve("runs").toString(), "--output-dir",
        out.resolve("comparisons").toString()));
    Path comparison;
    try (Stream<Path> dirs = Files.list(out.resolve("comparisons"))) {
      comparison = dirs.findFirst().orElseThrow();
    }
    String page = Files.readString(comparison.resolve("comparison.html"));
    assertTrue(page.contains("schedule.type=none") && page.contains("schedule.type=poly"),
        "the legend names runs by what differs");
    check(comparison.resolve("comparison.html"), "comparison.png", 4);

    RunFolder sweep = Fixtures.sweep(out.resolve("sweeps").toString());
    assertEquals(0, Main.run("sweep-report", sweep.uri()));
    check(Path.of(java.net.URI.create(sweep.fileUri("report.html"))), "sweep-report.png", 4);
  }

  @Test
  void shouldNoticeABrokenImageAndAScriptError() throws Exception {
    Path page = Files.createDirectories(out.resolve("broken")).resolve("broken.html");
    Files.writeString(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>broken</title></head><body>"
        + "<img id=\"missing\" alt=\"missing\" src=\"no-such-plot.png\">"
        + "<script>console.error('boom'); undefinedFunction();</script></body></html>");
    Chromium.PageCheck result = chromium.check(page, out.resolve("broken.png"), Files.createDirectories(
        out.resolve("chromium")));
    assertEquals(List.of("missing"), result.broken());
    assertTrue(result.errors().stream().anyMatch(e -> e.contains("boom")), result.errors().toString());
    assertTrue(result.errors().stream().anyMatch(e -> e.contains("undefinedFunction")), result.errors().toString());
  }

  private static void check(Path page, String screenshot, int expectedImages) throws Exception {
    Path work = Files.createDirectories(out.resolve("chromium"));
    Chromium.PageCheck result = chromium.check(page, SHOTS.resolve(screenshot), work);
    System.out.println("[INFO] " + page.getFileName() + " in Chromium: " + result.images() + " images "
        + result.sizes() + ", errors " + result.errors() + "; screenshot " + SHOTS.resolve(screenshot));
    assertTrue(result.images() >= expectedImages, page + ": expected at least " + expectedImages + " images, the"
        + " browser found " + result.images());
    assertEquals(List.of(), result.broken(), page + ": images the browser could not draw");
    assertEquals(List.of(), result.errors(), page + ": errors in the browser");
    assertTrue(Files.size(SHOTS.resolve(screenshot)) > 10_000, "the screenshot shows a page");
  }
}
