package io.lrsched.data;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Where the images of an experiment come from. Implementations read their records on the executors (the driver
 * only lists files or schedules the one task that streams an archive) and spread them over the number of
 * partitions they were built with. Every image has the source's {@link ImageFit#size()}.
 */
public interface ImageSource extends Serializable {

  /**
   * The records of one split as a lazily evaluated RDD; each call builds a fresh lineage (cache it if it is used
   * more than once). A bad file fails the task that reads it with a {@link BadInputException} naming the file.
   *
   * @throws IllegalArgumentException if the data is missing or malformed in a way visible from a listing
   */
  JavaRDD<LabeledImage> load(JavaSparkContext sc, Split split);

  /**
   * Like {@link #load}, but files that cannot be used become {@link Decoded#bad} records instead of failing the
   * task, so a caller can decode a split once and then decide (see {@code data.on-bad-image}).
   */
  default JavaRDD<Decoded> read(JavaSparkContext sc, Split split) {
    return load(sc, split).map(Decoded::of);
  }

  /**
   * The class names, index {@code i} naming label {@code i}. May run a small Spark job (listing folders or reading
   * a metadata file), hence the context; implementations remember the answer.
   *
   * @throws IllegalArgumentException if the listing shows a problem (for image folders: a non-image file or an empty
   *     class folder, unless the source skips bad files)
   */
  List<String> classNames(JavaSparkContext sc);

  /**
   * Files the listing found unusable and the source skipped (only when built to skip bad files), one line each
   * naming the file and the problem; known once {@link #classNames} has run.
   */
  default List<String> skippedAtListing() {
    return List.of();
  }

  /** One line for the log and the run folder: kind, location and every parameter. */
  String describe();
}
