package io.lrsched.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.util.TaskCompletionListener;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;

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

  /** The requested partition count, or the context's default parallelism when 0 was requested. */
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

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
