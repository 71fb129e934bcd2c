package io.lrsched.data;

import java.io.Serializable;
import java.util.List;

/**
 * Where a Spark SQL table is and which of its columns hold what (the {@code data.table} settings as plain values, so
 * this package needs no knowledge of the config layer).
 *
 * @param format Spark SQL format of the paths, or {@link #CATALOG} when they are table names
 * @param path the table (both splits, or the training split when {@code testPath} is set)
 * @param testPath the test split's table; empty when {@code splitColumn} tells the splits apart
 * @param imageColumn encoded PNG/JPEG bytes (binary) or Spark's image struct
 * @param labelColumn class names (string) or class indices (integer)
 * @param keyColumn names each row in messages and predictions
 * @param splitColumn {@code train} or {@code test} per row
 * @param classes class names in label order; empty to derive them from the labels
 */
public record TableSpec(
    String format,
    String path,
    String testPath,
    String imageColumn,
    String labelColumn,
    String keyColumn,
    String splitColumn,
    List<String> classes)
    implements Serializable {

  /** The format value that makes the paths names of tables in the session's catalog. */
  public static final String CATALOG = "catalog";

  /** Validates the values and copies the class list. */
  public TableSpec {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("data path for table must be set (a table's path, or its catalog name)");
    }
    classes = List.copyOf(classes);
  }

  /** Whether the splits are two tables rather than one with a split column. */
  boolean twoTables() {
    return !testPath.isBlank();
  }

  /** The table holding a split, for reading and for messages. */
  String tableOf(Split split) {
    return twoTables() && split == Split.TEST ? testPath : path;
  }
}
