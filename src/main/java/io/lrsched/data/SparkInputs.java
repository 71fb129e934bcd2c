package io.lrsched.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.util.TaskCompletionListener;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Spark-side file access shared by the sources: listing with clear errors, partition counts, stream cleanup. */
final class SparkInputs {
  private SparkInputs() {}

  /**
   * {@code sc.binaryFiles} whose listing is forced now, so a missing path fails here with one clear line instead
   * of a Hadoop stack trace at the first action.
   */
  static JavaPairRDD<String, PortableDataStream> binaryFiles(
      JavaSparkContext sc, String pathOrGlob, int minPartitions, String what) {
    JavaPairRDD<String, PortableDataStream> rdd = sc.binaryFiles(pathOrGlob, minPartitions);
    try {
      if (rdd.getNumPartitions() == 0) {
        throw new IllegalArgumentException(what + ": nothing found at " + pathOrGlob);
      }
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      // Hadoop's InvalidInputException is thrown undeclared through Scala; its message names the path.
      throw new IllegalArgumentException(what + ": cannot read " + pathOrGlob + " (" + firstLine(e) + ")", e);
    }
    return rdd;
  }

  /**
   * Many small files (an image folder: 60,000 files of about 1 KB) as rows of (path[, content]) through Spark
   * SQL's {@code binaryFile} source. {@code sc.binaryFiles} is unusable here: each of its records deserializes
   * its whole CombineFileSplit again to get its path (PortableDataStream.getPath), which is quadratic in the
   * files per split, and its split size cannot drop below {@code spark.files.openCostInBytes} (4 MB, i.e. some
   * 3,000 images). Listing 60,000 files that way did not finish in ten minutes.
   *
   * <p>The read runs in a child session so the file-packing settings below never leak into the caller's session:
   * a small open cost and {@code minPartitionNum} give about {@code partitions} read tasks.
   *
   * @param withContent whether to read the bytes (column 1) or only list paths (column 0)
   */
  static Dataset<Row> smallFiles(
      JavaSparkContext sc, String glob, int partitions, boolean withContent, String what) {
    return smallFiles(sc, glob, partitions, withContent, false, what);
  }

  /** As {@link #smallFiles(JavaSparkContext, String, int, boolean, String)}, optionally in every sub-folder. */
  static Dataset<Row> smallFiles(
      JavaSparkContext sc, String glob, int partitions, boolean withContent, boolean recursive, String what) {
    SparkSession child = session(sc).newSession();
    child.conf().set("spark.sql.files.openCostInBytes", SMALL_FILE_OPEN_COST);
    child.conf().set("spark.sql.files.minPartitionNum", String.valueOf(Math.max(1, partitions)));
    // Listing a few class folders on the driver beats a distributed listing job of one task per folder.
    child.conf().set("spark.sql.sources.parallelPartitionDiscovery.threshold", "1024");
    try {
      Dataset<Row> files =
          child.read().format("binaryFile").option("recursiveFileLookup", String.valueOf(recursive)).load(glob);
      return withContent ? files.select("path", "content") : files.select("path");
    } catch (Exception e) {
      // AnalysisException ("Path does not exist") is thrown undeclared through Scala.
      throw new IllegalArgumentException(what + ": cannot read " + glob + " (" + firstLine(e) + ")", e);
    }
  }

  /** The SparkSession on the given context (created on first use). */
  static SparkSession session(JavaSparkContext sc) {
    SparkSession session = SparkSession.builder().getOrCreate();
    if (session.sparkContext() != sc.sc()) {
      throw new IllegalStateException("the active SparkSession runs on another SparkContext than the one given");
    }
    return session;
  }

  /** Bytes one file open is worth when packing read tasks: about a small image's size, not Spark's 4 MB. */
  private static final String SMALL_FILE_OPEN_COST = "8192";

  /** The requested partition count, or the context's default parallelism when 0 was requested. */
  /**
   * Validates a source's requested partition count.
   *
   * @return {@code requested}
   * @throws IllegalArgumentException if it is negative
   */
  static int checkPartitions(int requested) {
    if (requested < 0) {
      throw new IllegalArgumentException("partitions must be >= 0 (0 = default parallelism), got " + requested);
    }
    return requested;
  }

  static int partitions(JavaSparkContext sc, int requested) {
    return requested > 0 ? requested : sc.defaultParallelism();
  }

  /** Closes a stream when the running task ends, even if its iterator was abandoned part way (e.g. by take()). */
  static void closeOnTaskEnd(Closeable stream) {
    TaskContext ctx = TaskContext.get();
    if (ctx != null) {
      ctx.addTaskCompletionListener((TaskCompletionListener) c -> closeQuietly(stream));
    }
  }

  static void close(Closeable stream) {
    try {
      stream.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(Closeable stream) {
    try {
      stream.close();
    } catch (IOException ignored) {
      // the task already finished; a failed close of a read-only stream loses nothing
    }
  }

  /** Joins a folder URI and a relative name without doubling the slash. */
  static String child(String folder, String name) {
    return folder.endsWith("/") ? folder + name : folder + "/" + name;
  }

  static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
