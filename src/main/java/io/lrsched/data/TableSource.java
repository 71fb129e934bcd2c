package io.lrsched.data;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Images in a Spark SQL table ({@code data.source = table}): a path in any format Spark reads (Parquet, ORC, JSON,
 * Delta when its jar is present) or a table of the session's catalog, as teams on Spark keep image data. The image
 * column holds encoded PNG/JPEG bytes (what the {@code binaryFile} source writes as {@code content}) or Spark's image
 * struct (what the {@code image} source writes); the label column class names or class indices; the splits are two
 * tables or one with a {@code train}/{@code test} column.
 *
 * <p>Class names are the given list, else the sorted distinct string labels of both splits (as image folders sort
 * their class folders), else, for integer labels, their numbers. The driver only reads the schema and the distinct
 * labels; rows are converted, shuffled while still encoded, and decoded on the executors, exactly as image folders
 * are. A row without a usable image or label becomes a bad record naming the table and the row's key, so
 * {@code data.on-bad-image} applies to it as to a file.
 */
public final class TableSource implements ImageSource {
  private static final long serialVersionUID = 1L;

  private final TableSpec table;
  private final int partitions;
  private final ImageFit fit;
  private transient volatile List<String> classNames;

  /**
   * @param table where the table is and what its columns hold
   * @param partitions partitions of each loaded split; 0 means the context's default parallelism
   * @param fit the images' target size and what to do with other sizes
   */
  public TableSource(TableSpec table, int partitions, ImageFit fit) {
    this.table = table;
    this.partitions = SparkInputs.checkPartitions(partitions);
    this.fit = fit;
  }

  @Override
  public JavaRDD<LabeledImage> load(JavaSparkContext sc, Split split) {
    return read(sc, split).map(Decoded::imageOrThrow);
  }

  @Override
  public JavaRDD<Decoded> read(JavaSparkContext sc, Split split) {
    List<String> names = classNames(sc);
    Dataset<Row> rows = splitRows(sc, split);
    String where = "table " + table.tableOf(split);
    DataType labelType = columnType(rows, table.labelColumn(), split, "label-column");
    boolean byName = labelType instanceof StringType;
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i), i);
    }
    int classes = names.size();
    String labelColumn = table.labelColumn();
    JavaRDD<TableImage> undecoded = rows
        .select(col(table.keyColumn()), col(table.imageColumn()), col(table.labelColumn()))
        .javaRDD()
        .map(row -> {
          String name = where + ", row " + row.get(0);
          int[] label = {-1};
          String problem = labelProblem(row.get(2), byName, index, classes, labelColumn, label);
          return TableImage.of(name, label[0], row.get(1), problem);
        });
    ImageFit target = fit;
    // Shuffle the small encoded images, then decode everywhere: decoding is what takes time.
    return undecoded.repartition(SparkInputs.partitions(sc, partitions)).map(image -> image.decode(target));
  }

  /** What is wrong with a row's label, or null after storing its class index in {@code out[0]}. */
  private static String labelProblem(
      Object value, boolean byName, Map<String, Integer> index, int classes, String column, int[] out) {
    if (value == null) {
      return "the label (column " + column + ") is null";
    }
    if (byName) {
      Integer i = index.get((String) value);
      out[0] = i == null ? -1 : i;
      return i == null ? "label '" + value + "' is not one of the classes " + index.keySet() : null;
    }
    long i = ((Number) value).longValue();
    out[0] = (int) i;
    return i < 0 || i >= classes ? "label " + i + " is not a class index 0.." + (classes - 1) : null;
  }

  @Override
  public List<String> classNames(JavaSparkContext sc) {
    List<String> names = classNames;
    if (names == null) {
      names = discoverClasses(sc);
      classNames = names;
    }
    return names;
  }

  /** The classes from the given list or the labels of both splits (a small job: distinct labels only). */
  private List<String> discoverClasses(JavaSparkContext sc) {
    List<Object> labels = new ArrayList<>();
    boolean byName = true;
    for (Split split : Split.values()) {
      Dataset<Row> rows = splitRows(sc, split);
      String column = table.labelColumn();
      DataType type = columnType(rows, column, split, "label-column");
      if (!(type instanceof StringType || isInteger(type))) {
        throw wrongType(split, column, type, "string (class names) or integer (class indices)");
      }
      byName = type instanceof StringType;
      for (Row row : rows.select(col(column)).where(col(column).isNotNull()).distinct().collectAsList()) {
        labels.add(row.get(0));
      }
    }
    List<String> names = byName ? namesOf(labels) : numbered(labels);
    if (names.size() < 2) {
      throw new BadInputException("table " + table.path() + ": found " + names.size() + " class " + names
          + " in column " + table.labelColumn() + ", a classifier needs at least 2");
    }
    return names;
  }

  private List<String> namesOf(List<Object> labels) {
    TreeSet<String> found = new TreeSet<>();
    labels.forEach(l -> found.add((String) l));
    if (table.classes().isEmpty()) {
      return List.copyOf(found);
    }
    found.removeAll(table.classes());
    if (!found.isEmpty()) {
      throw new BadInputException("table " + table.path() + ": label '" + found.first() + "' in column "
          + table.labelColumn() + " is not one of data.table.classes " + table.classes());
    }
    return table.classes();
  }

  private List<String> numbered(List<Object> labels) {
    long max = -1;
    for (Object l : labels) {
      long i = ((Number) l).longValue();
      if (i < 0) {
        throw new BadInputException("table " + table.path() + ": label " + i + " in column " + table.labelColumn()
            + " is negative (integer labels are class indices from 0)");
      }
      max = Math.max(max, i);
    }
    if (table.classes().isEmpty()) {
      List<String> names = new ArrayList<>();
      for (long i = 0; i <= max; i++) {
        names.add(Long.toString(i));
      }
      return names;
    }
    if (max >= table.classes().size()) {
      throw new BadInputException("table " + table.path() + ": label " + max + " in column " + table.labelColumn()
          + " has no name in data.table.classes " + table.classes() + " (indices 0.." + (table.classes().size() - 1)
          + ")");
    }
    return table.classes();
  }

  /**
   * Every row of the table at {@code data.path}, unlabelled (for prediction): its key and its decoded image, or the
   * problem naming the table and the key. Decoded on the executors after a shuffle, as the splits are.
   */
  JavaPairRDD<String, Decoded> readUnlabelled(JavaSparkContext sc) {
    Dataset<Row> all = imageRows(sc, table.path());
    String where = "table " + table.path();
    ImageFit target = fit;
    return all.select(col(table.keyColumn()), col(table.imageColumn()))
        .javaRDD()
        .mapToPair(row -> new Tuple2<>(String.valueOf(row.get(0)),
            TableImage.of(where + ", row " + row.get(0), 0, row.get(1), null)))
        .repartition(SparkInputs.partitions(sc, partitions))
        .mapValues(image -> image.decode(target));
  }

  /** A table's rows, with their image and key columns checked. */
  private Dataset<Row> imageRows(JavaSparkContext sc, String tableName) {
    Dataset<Row> all = readTable(SparkInputs.session(sc), table.format(), tableName);
    DataType image = columnType(all, table.imageColumn(), tableName, "image-column");
    if (!(image instanceof BinaryType || isImageStruct(image))) {
      throw wrongType(tableName, table.imageColumn(), image,
          "binary (encoded PNG/JPEG, as binaryFile's content) or Spark's image struct");
    }
    columnType(all, table.keyColumn(), tableName, "key-column");
    return all;
  }

  /** The rows of a split, with their image column checked. */
  private Dataset<Row> splitRows(JavaSparkContext sc, Split split) {
    Dataset<Row> all = imageRows(sc, table.tableOf(split));
    if (table.twoTables()) {
      return all;
    }
    DataType splitType = columnType(all, table.splitColumn(), split, "split-column");
    if (!(splitType instanceof StringType)) {
      throw wrongType(split, table.splitColumn(), splitType, "string (train or test)");
    }
    return all.where(col(table.splitColumn()).equalTo(split.folderName()));
  }

  /**
   * A table by path and format, or by catalog name.
   *
   * @throws BadInputException naming the table when Spark cannot read it (missing path, unknown format)
   */
  static Dataset<Row> readTable(SparkSession session, String format, String name) {
    try {
      return TableSpec.CATALOG.equals(format)
          ? session.table(name)
          : session.read().format(format).load(name);
    } catch (Exception e) {
      // AnalysisException (no such path or table) and a missing format's ClassNotFoundException come undeclared.
      throw new BadInputException("table " + name + ": cannot read it as " + format + " ("
          + SparkInputs.firstLine(e) + ")", e);
    }
  }

  /** The type of a column (a dotted name reaches into a struct), or an error naming the table and the column. */
  private DataType columnType(Dataset<Row> rows, String column, Split split, String key) {
    return columnType(rows, column, table.tableOf(split), key);
  }

  private static DataType columnType(Dataset<Row> rows, String column, String tableName, String key) {
    try {
      return rows.select(col(column)).schema().fields()[0].dataType();
    } catch (Exception e) {
      StringJoiner columns = new StringJoiner(", ");
      for (String c : rows.columns()) {
        columns.add(c);
      }
      throw new BadInputException("table " + tableName + ": no column '" + column + "' (it has "
          + columns + "; set data.table." + key + ")", e);
    }
  }

  private BadInputException wrongType(Split split, String column, DataType type, String expected) {
    return wrongType(table.tableOf(split), column, type, expected);
  }

  private static BadInputException wrongType(String tableName, String column, DataType type, String expected) {
    return new BadInputException("table " + tableName + ": column '" + column + "' is " + type.simpleString()
        + ", expected " + expected);
  }

  private static boolean isInteger(DataType type) {
    return type instanceof IntegerType || type instanceof LongType || type instanceof ShortType
        || type instanceof ByteType;
  }

  /** Spark's image struct: at least height, width, nChannels and data (origin and mode are not needed). */
  private static boolean isImageStruct(DataType type) {
    if (!(type instanceof StructType struct)) {
      return false;
    }
    List<String> fields = List.of(struct.fieldNames());
    return fields.containsAll(List.of("height", "width", "nChannels", "data"));
  }

  @Override
  public String describe() {
    return "table " + table.path() + " (" + table.format() + ")"
        + (table.twoTables() ? ", test split " + table.testPath() : ", split column " + table.splitColumn())
        + ", image column " + table.imageColumn() + ", label column " + table.labelColumn()
        + (table.classes().isEmpty() ? "" : ", classes " + table.classes())
        + ", images " + fit.describe() + ", partitions=" + (partitions == 0 ? "default" : partitions);
  }

  @Override
  public String toString() {
    return describe();
  }
}
