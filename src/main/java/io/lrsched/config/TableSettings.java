package io.lrsched.config;

import java.io.Serializable;
import java.util.List;

/**
 * How a Spark SQL table holds an experiment's images ({@code data.source = table}, the {@code data.table} block).
 *
 * @param format Spark SQL format of {@code data.path}, or {@code catalog} for a table name
 * @param testPath the test split's path or table name; empty when a split column tells the splits apart
 * @param imageColumn encoded image bytes or Spark's image struct
 * @param labelColumn class names or class indices
 * @param keyColumn names each row in messages and predictions
 * @param splitColumn {@code train} or {@code test} per row, when there is no test path
 * @param classes class names in label order; empty to derive them from the labels
 */
public record TableSettings(
    String format,
    String testPath,
    String imageColumn,
    String labelColumn,
    String keyColumn,
    String splitColumn,
    List<String> classes)
    implements Serializable {

  /** Defensive copy: the record stays immutable. */
  public TableSettings {
    classes = List.copyOf(classes);
  }
}
