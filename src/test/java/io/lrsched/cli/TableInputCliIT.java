package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad tables ({@code data.source = table}) through the real command line in its own JVM: a missing column, a column
 * of the wrong type (both found by the driver) and an undecodable row (found by a task on an executor) each end with
 * one line on stderr naming the table and the column or the row's key, exit code 1 and no run folder.
 */
class TableInputCliIT {
  @TempDir Path tmp;

  /** A table in the default columns (path, content, label, split), with {@code label} of the given type. */
  private Path table(String name, DataType labelType, boolean withLabel, byte[] brokenImage) throws IOException {
    Path table = tmp.resolve(name + ".parquet");
    Random rnd = new Random(3);
    List<Row> rows = new ArrayList<>();
    for (String split : List.of("train", "test")) {
      for (int i = 0; i < 4; i++) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(ImageSets.image(rnd, i % 2, 2, 32, BufferedImage.TYPE_INT_RGB), "png", png);
        byte[] content = brokenImage != null && split.equals("train") && i == 2 ? brokenImage : png.toByteArray();
        Object label = labelType == DataTypes.StringType ? (i % 2 == 0 ? "cat" : "dog") : (double) (i % 2);
        String key = split + "-" + i;
        rows.add(withLabel ? RowFactory.create(key, content, label, split) : RowFactory.create(key, content, split));
      }
    }
    StructType schema = new StructType().add("path", DataTypes.StringType).add("content", DataTypes.BinaryType);
    schema = withLabel ? schema.add("label", labelType) : schema;
    schema = schema.add("split", DataTypes.StringType);
    SparkSession spark = SparkSession.builder().master("local[1]").appName("TableInputCliIT")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(table.toString());
    return table;
  }

  /** Trains on the table, expects the one-line failure, and returns the line. */
  private String failure(Path table, String... problem) throws Exception {
    Path runs = tmp.resolve("runs");
    Path work = Files.createDirectories(tmp.resolve("work-" + table.getFileName()));
    LocalRun.Result r = LocalRun.run(work, List.of("train", "conf/smoke.conf",
        "--set", "data.source=table",
        "--set", "data.path=\"" + table + "\"",
        "--set", "output.dir=\"" + runs + "\""));
    assertEquals(1, r.exit(), "exit code; stderr:\n" + r.stderr());
    List<String> lines = r.stderr().strip().lines().toList();
    assertEquals(1, lines.size(), "stderr is one line:\n" + r.stderr());
    String line = lines.get(0);
    for (String part : problem) {
      assertTrue(line.contains(part), "'" + part + "' in: " + line);
    }
    assertFalse(line.contains("Exception"), line);
    assertTrue(!Files.exists(runs) || Files.list(runs).findAny().isEmpty(), "no run folder is left behind");
    return line;
  }

  @Test
  void shouldNameTheTableAndColumnOrRowKeyOfABadTable() throws Exception {
    Path noLabel = table("no-label", DataTypes.StringType, false, null);
    Path doubleLabel = table("double-label", DataTypes.DoubleType, true, null);
    Path broken = table("broken", DataTypes.StringType, true, new byte[] {'n', 'o', 't', 0});
    SparkSession.active().stop();

    failure(noLabel, "table " + noLabel, "no column 'label'", "set data.table.label-column");
    failure(doubleLabel, "table " + doubleLabel, "column 'label' is double",
        "expected string (class names) or integer (class indices)");
    failure(broken, "table " + broken + ", row train-2", "cannot decode image", "data.on-bad-image = skip");
  }
}
