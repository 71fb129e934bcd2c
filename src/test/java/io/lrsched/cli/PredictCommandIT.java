package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.data.CifarSubset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's path from a Spark table to predictions: a seeded subset of the real CIFAR-10 written to Parquet with
 * {@code binaryFile}, trained on with {@code data.source = table}, evaluated, and predicted on. The predictions on
 * the test images (as a folder) give the very per-class counts behind evaluate's classification report, and
 * predicting the table itself gives the same classes and probabilities for those images.
 */
class PredictCommandIT {
  private static final List<String> CLASSES =
      List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  @TempDir Path tmp;

  @BeforeEach
  void useTwoLocalWorkers() {
    System.setProperty("spark.master", "local[2]");
  }

  @AfterEach
  void clearMaster() {
    System.clearProperty("spark.master");
  }

  @Test
  void shouldTrainOnATableAndPredictWhatEvaluateCounts() throws Exception {
    Path archive = CifarSubset.archiveOrSkip("PredictCommandIT");
    Path folder = tmp.resolve("cifar");
    CifarSubset.extract(archive, folder, 20, 8, 5);
    Path table = tmp.resolve("cifar.parquet");
    SparkSession spark = SparkSession.builder().appName("PredictCommandIT")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.warehouse.dir", tmp.resolve("warehouse").toUri().toString()).getOrCreate();
    try {
      CifarSubset.writeBinaryFileTable(spark, folder, table, "cifar");
    } finally {
      spark.stop();
    }

    Path runs = tmp.resolve("runs");
    assertEquals(0, Main.run("train",
        "--set", "experiment.name=table",
        "--set", "data.source=table",
        "--set", "data.path=\"" + table + "\"",
        "--set", "model.filters=[8,8,16,32]",
        "--set", "model.stages=[1,1,1]",
        "--set", "training.batch-size=20",
        "--set", "training.epochs=1",
        "--set", "output.dir=\"" + runs.toUri() + "\""));
    Path run = only(runs);
    String data = Files.readString(run.resolve("data.conf"));
    assertTrue(data.contains("\"airplane\",\"automobile\",\"bird\""), data);

    Path evaluations = tmp.resolve("evaluations");
    assertEquals(0, Main.run("evaluate", run.toString(), "--set", "output.dir=\"" + evaluations.toUri() + "\""));
    Map<String, String[]> report = new HashMap<>();
    for (String line : Files.readAllLines(only(evaluations).resolve("classification-report.csv"))) {
      report.put(line.split(",")[0], line.split(","));
    }

    Path predictions = tmp.resolve("test-predictions.csv");
    assertEquals(0, Main.run("predict", run.toString(), folder.resolve("test").toString(),
        "--out", predictions.toString(), "--top", "2"));
    List<String> lines = Files.readAllLines(predictions);
    assertEquals("key,predicted,probability,class_2,probability_2", lines.get(0));
    assertEquals(80, lines.size() - 1, "one line per test image");
    long[] support = new long[10];
    long[] predicted = new long[10];
    long[] correct = new long[10];
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      int actual = CLASSES.indexOf(Path.of(f[0]).getParent().getFileName().toString());
      int guess = CLASSES.indexOf(f[1]);
      assertTrue(Double.parseDouble(f[2]) >= Double.parseDouble(f[4]), line);
      support[actual]++;
      predicted[guess]++;
      correct[actual] += actual == guess ? 1 : 0;
    }
    for (int c = 0; c < 10; c++) {
      String[] row = report.get(CLASSES.get(c));
      double precision = predicted[c] == 0 ? 0 : correct[c] / (double) predicted[c];
      assertEquals(Double.parseDouble(row[1]), precision, 1e-9, "precision of " + CLASSES.get(c));
      assertEquals(Double.parseDouble(row[2]), correct[c] / (double) support[c], 1e-9, "recall of " + CLASSES.get(c));
      assertEquals(Long.parseLong(row[4]), support[c], "support of " + CLASSES.get(c));
    }

    Path fromTable = tmp.resolve("table-predictions.csv");
    assertEquals(0, Main.run("predict", run.toString(), table.toString(), "--table", "--out", fromTable.toString(),
        "--top", "2"));
    Map<String, String> byKey = new TreeMap<>();
    for (String line : Files.readAllLines(fromTable).subList(1, 281)) {
      byKey.put(line.substring(0, line.indexOf(',')), line);
    }
    assertEquals(280, byKey.size(), "one line per table row");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      String[] t = byKey.get(f[0]).split(",");
      // Other neighbours in a minibatch round the last float digit differently.
      assertEquals(List.of(f[1], f[3]), List.of(t[1], t[3]), "the table's classes for " + f[0]);
      assertEquals(Double.parseDouble(f[2]), Double.parseDouble(t[2]), 1e-5, "probability for " + f[0]);
      assertEquals(Double.parseDouble(f[4]), Double.parseDouble(t[4]), 1e-5, "probability_2 for " + f[0]);
    }
  }

  private static Path only(Path parent) throws IOException {
    try (Stream<Path> s = Files.list(parent)) {
      List<Path> all = s.filter(Files::isDirectory).toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }
}
