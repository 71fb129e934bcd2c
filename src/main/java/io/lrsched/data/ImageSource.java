package io.lrsched.data;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Where the images of an experiment come from. Implementations read their records on the executors (the driver
 * only lists files or schedules the one task that streams an archive) and spread them over the number of
 * partitions they were built with.
 */
public interface ImageSource extends Serializable {

  /**
   * The records of one split as a lazily evaluated RDD; each call builds a fresh lineage (cache it if it is used
   * more than once).
   *
   * @throws IllegalArgumentException if the data is missing or malformed in a way visible from a listing
   */
  JavaRDD<LabeledImage> load(JavaSparkContext sc, Split split);

  /**
   * The class names, index {@code i} naming label {@code i}. May run a small Spark job (listing folders or reading
   * a metadata file), hence the context; implementations remember the answer.
   */
  List<String> classNames(JavaSparkContext sc);

  /** One line for the log and the run folder: kind, location and every parameter. */
  String describe();
}
