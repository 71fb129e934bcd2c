package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded subset of the real CIFAR-10 written to Parquet by Spark, once as {@code binaryFile} bytes with class-name
 * labels and a split column (a catalog table, made with the README's SQL), once as Spark's image struct with integer
 * labels in two tables (by path): both give the image folder source's classes and records, and the same seeded
 * subset.
 */
class TableSourceIT extends SparkITBase {
  private static final long SEED = 21;

  @TempDir static Path tmp;

  private static Path folder;
  private static SparkSession spark;

  @BeforeAll
  static void writeTables() throws IOException {
    Path archive = CifarSubset.archiveOrSkip("TableSourceIT");
    folder = tmp.resolve("cifar");
    CifarSubset.extract(archive, folder, 20, 6, SEED);
    spark = SparkSession.builder().sparkContext(sc.sc())
        .config("spark.sql.warehouse.dir", tmp.resolve("warehouse").toUri().toString()).getOrCreate();
    CifarSubset.writeBinaryFileTable(spark, folder, tmp.resolve("bytes.parquet"), "cifar_bytes");
    for (Split split : Split.values()) {
      writeImageStructTable(split, tmp.resolve("struct-" + split.folderName() + ".parquet"));
    }
  }

  /**
   * Spark's image struct as its {@code image} data source (spark-mllib, not on our classpath) writes it: rows of
   * interleaved blue, green, red bytes; the label as the class folder's index.
   */
  private static void writeImageStructTable(Split split, Path table) throws IOException {
    List<String> classes = CifarBinarySource.OFFICIAL_CLASS_NAMES;
    List<Row> rows = new ArrayList<>();
    for (Path file : files(folder.resolve(split.folderName()))) {
      BufferedImage img = ImageIO.read(file.toFile());
      byte[] bgr = new byte[img.getWidth() * img.getHeight() * 3];
      int at = 0;
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) {
          Color c = new Color(img.getRGB(x, y));
          bgr[at++] = (byte) c.getBlue();
          bgr[at++] = (byte) c.getGreen();
          bgr[at++] = (byte) c.getRed();
        }
      }
      Row image = RowFactory.create(file.toUri().toString(), img.getHeight(), img.getWidth(), 3, 16, bgr);
      rows.add(RowFactory.create(image, classes.indexOf(file.getParent().getFileName().toString())));
    }
    StructType imageSchema = new StructType()
        .add("origin", DataTypes.StringType).add("height", DataTypes.IntegerType)
        .add("width", DataTypes.IntegerType).add("nChannels", DataTypes.IntegerType)
        .add("mode", DataTypes.IntegerType).add("data", DataTypes.BinaryType);
    StructType schema = new StructType().add("image", imageSchema).add("class", DataTypes.IntegerType);
    spark.createDataFrame(rows, schema).write().parquet(table.toString());
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void shouldGiveTheImageFolderRecordsFromBinaryFileBytesAndFromImageStructs() {
    ImageSource images = new ImageFolderSource(folder.toString(), 2);
    TableSource bytes = new TableSource(new TableSpec(TableSpec.CATALOG, "cifar_bytes", "",
        "content", "label", "path", "split", List.of()), 2, ImageFit.cifar());
    TableSource structs = new TableSource(new TableSpec("parquet",
        tmp.resolve("struct-train.parquet").toString(), tmp.resolve("struct-test.parquet").toString(),
        "image", "class", "image.origin", "split", CifarBinarySource.OFFICIAL_CLASS_NAMES), 3, ImageFit.cifar());

    assertEquals(CifarBinarySource.OFFICIAL_CLASS_NAMES, images.classNames(sc));
    assertEquals(CifarBinarySource.OFFICIAL_CLASS_NAMES, bytes.classNames(sc), "sorted class names");
    assertEquals(CifarBinarySource.OFFICIAL_CLASS_NAMES, structs.classNames(sc), "given class names");
    for (Split split : Split.values()) {
      List<LabeledImage> expected = sorted(images.load(sc, split));
      assertEquals(split == Split.TRAIN ? 200 : 60, expected.size());
      assertEquals(expected, sorted(bytes.load(sc, split)), "binaryFile table, " + split);
      assertEquals(expected, sorted(structs.load(sc, split)), "image-struct tables, " + split);
    }
    List<LabeledImage> subset = sorted(Subsets.random(images.load(sc, Split.TRAIN).cache(), 50, SEED));
    assertEquals(50, subset.size());
    assertEquals(subset, sorted(Subsets.random(bytes.load(sc, Split.TRAIN).cache(), 50, SEED)), "seeded subset");
    assertEquals(subset, sorted(Subsets.random(structs.load(sc, Split.TRAIN).cache(), 50, SEED)), "seeded subset");
  }

  @Test
  void shouldNameTheTableAndRowKeyOfAnUndecodableImage() throws IOException {
    Path bad = tmp.resolve("bad.parquet");
    List<Row> rows = List.of(
        RowFactory.create("good-a", Files.readAllBytes(files(folder.resolve("train/cat")).get(0)), "cat", "train"),
        RowFactory.create("broken-b", new byte[] {1, 2, 3}, "dog", "train"),
        RowFactory.create("test-c", Files.readAllBytes(files(folder.resolve("test/dog")).get(0)), "dog", "test"));
    StructType schema = new StructType().add("path", DataTypes.StringType).add("content", DataTypes.BinaryType)
        .add("label", DataTypes.StringType).add("split", DataTypes.StringType);
    spark.createDataFrame(rows, schema).write().parquet(bad.toString());
    TableSource source = new TableSource(
        new TableSpec("parquet", bad.toString(), "", "content", "label", "path", "split", List.of()), 2,
        ImageFit.cifar());

    assertEquals(List.of("cat", "dog"), source.classNames(sc));
    List<Decoded> decoded = source.read(sc, Split.TRAIN).collect();
    List<String> problems = decoded.stream().filter(Decoded::isBad).map(Decoded::problem).toList();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("table " + bad + ", row broken-b: cannot decode image"), problems.get(0));
    assertEquals(1, decoded.stream().filter(d -> !d.isBad()).count());
  }

  /** Order-free comparison: by label, then pixel bytes. */
  private static List<LabeledImage> sorted(JavaRDD<LabeledImage> images) {
    List<LabeledImage> list = new ArrayList<>(images.collect());
    list.sort(Comparator.comparingInt(LabeledImage::label)
        .thenComparing(LabeledImage::pixels, Arrays::compare));
    return list;
  }
}
