package io.lrsched.data;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * New images to apply a trained model to, without labels: every PNG/JPEG file under a folder (at any depth), every
 * image entry of a {@code .tar.gz}, or every row of a table. Each comes keyed by its path, {@code archive!entry} or
 * the table's key column, decoded on the executors after a shuffle of the encoded bytes, as training data is; an
 * image that cannot be used is a {@link Decoded#bad} naming it.
 */
public final class UnlabelledImages {
  private UnlabelledImages() {}

  /**
   * @param location a folder or {@code .tar.gz} (any Hadoop file system URI); unused when {@code table} is set
   * @param table the table to read (its path, format, image and key columns), or null for files
   * @param partitions partitions of the decoded images; 0 means the context's default parallelism
   * @param fit the model's input size and how other sizes are resized
   * @return key and decoded image (label 0) or the problem
   * @throws IllegalArgumentException naming the location or table if it cannot be read
   */
  public static JavaPairRDD<String, Decoded> read(
      JavaSparkContext sc, String location, TableSpec table, int partitions, ImageFit fit) {
    if (table != null) {
      return new TableSource(table, partitions, fit).readUnlabelled(sc);
    }
    int p = SparkInputs.partitions(sc, SparkInputs.checkPartitions(partitions));
    JavaPairRDD<String, EncodedImage> encoded;
    if (TarGzStream.isTarGz(location)) {
      encoded = SparkInputs.binaryFiles(sc, location, 1, "images archive")
          .values()
          .flatMap(file -> TarGzStream.imagesInTask(file, location, ImageFolderLayout::isImageName,
              (name, bytes) -> new EncodedImage(location + "!" + name, 0, bytes)))
          .mapToPair(e -> new Tuple2<>(e.name(), e));
    } else {
      encoded = SparkInputs.smallFiles(sc, location, p, true, true, "images folder")
          .javaRDD()
          .filter(row -> ImageFolderLayout.isImageName(row.getString(0)))
          .mapToPair(row -> new Tuple2<>(row.getString(0), new EncodedImage(row.getString(0), 0, (byte[]) row.get(1))));
    }
    return encoded.repartition(p).mapValues(e -> e.decode(fit));
  }
}
