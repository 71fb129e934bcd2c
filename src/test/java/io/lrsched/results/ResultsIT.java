package io.lrsched.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.cli.Main;
import io.lrsched.storage.RunFolder;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run index and the comparison on files: {@code runs} with filters and formats, the README's Spark SQL query
 * over run.json files, and {@code compare} reading runs from and writing to a real HDFS.
 */
class ResultsIT {

  @TempDir static Path base;
  private static MiniDFSCluster hdfs;

  @BeforeAll
  static void startHdfs() throws Exception {
    File dir = base.resolve("hdfs").toFile();
    hdfs = new MiniDFSCluster.Builder(new Configuration(), dir).numDataNodes(1).format(true).build();
    hdfs.waitActive();
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.shutdown(true);
    }
  }

  private static String runMain(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Main.run(args), "exit code of " + List.of(args));
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldListRunsNewestFirstFilterThemAndReadThemWithSparkSql() {
    String runs = base.resolve("runs").toString();
    Fixtures.run(runs, "none", "none", "2026-01-01T00:00:00Z", new double[] {0.2, 0.3}, new double[] {0.1, 0.1});
    Fixtures.run(runs, "step", "step", "2026-01-01T02:00:00Z", new double[] {0.25, 0.45},
        new double[] {0.1, 0.025});
    Fixtures.run(runs, "poly", "poly", "2026-01-01T01:00:00Z", new double[] {0.3, 0.4},
        new double[] {0.1, 0.003125});

    String csv = runMain("runs", runs, "--format", "csv");
    List<String> lines = csv.lines().toList();
    assertEquals(4, lines.size(), csv);
    assertTrue(lines.get(1).startsWith("step-") && lines.get(2).startsWith("poly-") && lines.get(3)
        .startsWith("none-"), "newest first: " + csv);
    assertTrue(lines.get(1).contains(",done,step,2026-01-01T02:00:00Z,"), csv);
    String filtered = runMain("runs", runs, "--schedule", "poly");
    assertEquals(2, filtered.lines().count(), "header and the poly run: " + filtered);
    assertTrue(filtered.lines().skip(1).findFirst().orElseThrow().contains("0.4000"), filtered);
    assertEquals(1, runMain("runs", runs, "--name", "n*", "--format", "json").lines()
        .filter(l -> l.contains("\"id\"")).count());
    assertEquals("no runs under " + runs + "\n", runMain("runs", runs, "--status", "failed"));

    // The README's query: one row per run, nested fields by name, the dotted setting keys in backquotes.
    SparkSession spark = SparkSession.builder().master("local[1]").appName("run-index")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      Dataset<Row> table = spark.read().json(runs + "/*/run.json");
      List<Row> rows = table.selectExpr("name", "status", "last.val_accuracy", "`settings`.`schedule.type`")
          .orderBy("name").collectAsList();
      assertEquals(3, rows.size());
      assertEquals("none", rows.get(0).getString(0));
      assertEquals("done", rows.get(0).getString(1));
      assertEquals(0.3, rows.get(0).getDouble(2), 1e-12);
      assertEquals("poly", rows.get(1).getString(3));
    } finally {
      spark.stop();
    }
  }

  @Test
  void shouldCompareRunsOnHdfsAndWriteTheComparisonThere() {
    String uri = hdfs.getURI() + "/experiments";
    Fixtures.run(uri, "none", "none", "2026-01-01T00:00:00Z", new double[] {0.2, 0.3, 0.35},
        new double[] {0.1, 0.1, 0.1});
    Fixtures.run(uri, "step", "step", "2026-01-01T01:00:00Z", new double[] {0.25, 0.45, 0.5},
        new double[] {0.1, 0.025, 0.025});
    String table = runMain("compare", uri, "--output-dir", hdfs.getURI() + "/comparisons");
    List<String> lines = table.lines().toList();
    assertTrue(lines.get(0).startsWith("run") && lines.get(0).contains("schedule.type"), table);
    assertTrue(lines.get(1).startsWith("step-") && lines.get(1).contains("0.5000"), "best first: " + table);
    assertTrue(lines.get(2).startsWith("none-"), table);

    RunFolder comparison = RunFinder.find(hdfs.getURI() + "/comparisons", ComparisonWriter.CSV).get(0);
    assertEquals(List.of("comparison.csv", "comparison.html", "comparison.md", "comparison.txt", "loss.png",
        "lr.png", "val_accuracy.png", "val_loss.png"), comparison.list());
    String csv = comparison.readText(ComparisonWriter.CSV);
    assertTrue(csv.startsWith("run,schedule.type,val_accuracy,best_val_accuracy,best_epoch,val_loss,epochs,"
        + "wall_seconds,status\n"), csv);
    assertTrue(csv.contains(",step,0.5000,0.5000,3,1.6000,3,90.0,done\n"), csv);
    assertTrue(comparison.readText(ComparisonWriter.HTML).contains("schedule.type=step"));
  }
}
