package io.lrsched.data;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;

/**
 * Images in the common image-folder layout, {@code train/<class>/*.png|jpg|jpeg} and {@code test/<class>/...};
 * class names are the sorted folder names, which must be the same in both splits. Every image must be 32x32 RGB
 * or grey (see {@link ImageDecoder}).
 *
 * <p>The path is either the folder holding {@code train/} and {@code test/} (any Hadoop file system URI), or a
 * {@code .tar.gz}/{@code .tgz} of it, optionally with one top-level folder as in {@code cifar10-jpeg.tar.gz}. An
 * archive is streamed in one task that only emits the compressed bytes; they are repartitioned first and decoded
 * afterwards, so decoding (the costly part) runs on every partition in parallel.
 */
public final class ImageFolderSource implements ImageSource {
  private static final long serialVersionUID = 1L;

  /** An archive may hold the layout inside one top-level folder, no deeper. */
  private static final int ARCHIVE_LEADING_SEGMENTS = 1;

  private final String path;
  private final int partitions;
  private transient volatile List<String> classNames;

  /**
   * @param path the folder holding {@code train/} and {@code test/}, or a {@code .tar.gz}/{@code .tgz} of it
   * @param partitions partitions of each loaded split; 0 means the context's default parallelism
   */
  public ImageFolderSource(String path, int partitions) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("data path for image-folder must be set (a folder or a .tar.gz of one)");
    }
    this.path = path;
    this.partitions = SparkInputs.checkPartitions(partitions);
  }

  private boolean isArchive() {
    return TarGzStream.isTarGz(path);
  }

  @Override
  public JavaRDD<LabeledImage> load(JavaSparkContext sc, Split split) {
    int p = SparkInputs.partitions(sc, partitions);
    Map<String, Integer> labels = labelIndex(classNames(sc));
    JavaRDD<EncodedImage> encoded;
    if (isArchive()) {
      String archive = path;
      encoded = SparkInputs.binaryFiles(sc, path, 1, "image-folder archive")
          .values()
          .flatMap(file -> archiveImages(file, archive, split, labels));
    } else {
      // Glob the class folders, not the files: a glob naming 50,000 files makes Spark list each one as a root.
      String glob = SparkInputs.child(path, split.folderName() + "/*");
      encoded = SparkInputs.smallFiles(sc, glob, p, true, "image-folder " + split.folderName() + " split")
          .javaRDD()
          .filter(row -> ImageDecoder.isImageName(row.getString(0)))
          .map(row -> {
            String file = row.getString(0);
            String className = ImageFolderLayout.parse(file, -1).orElseThrow().className();
            return new EncodedImage(file, labels.get(className), (byte[]) row.get(1));
          });
    }
    // Shuffle the small compressed files, then decode everywhere: decoding is what takes time.
    return encoded.repartition(p).map(EncodedImage::decode);
  }

  private static Map<String, Integer> labelIndex(List<String> classNames) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < classNames.size(); i++) {
      index.put(classNames.get(i), i);
    }
    return index;
  }

  private static Iterator<EncodedImage> archiveImages(
      PortableDataStream file, String archive, Split split, Map<String, Integer> labels) {
    InputStream raw = file.open();
    SparkInputs.closeOnTaskEnd(raw);
    TarArchiveInputStream tar = TarGzStream.open(raw);
    SparkInputs.closeOnTaskEnd(tar);
    return TarGzStream.flatMap(
        tar,
        archive,
        name -> ImageFolderLayout.parse(name, ARCHIVE_LEADING_SEGMENTS).filter(e -> e.split() == split).isPresent(),
        (name, in) -> {
          String className = ImageFolderLayout.parse(name, ARCHIVE_LEADING_SEGMENTS).orElseThrow().className();
          return List.of(new EncodedImage(archive + "!" + name, labels.get(className), TarGzStream.readAll(in, name)))
              .iterator();
        },
        () -> SparkInputs.close(tar));
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

  /** Lists "split/class" pairs (names only, no pixels) and checks both splits have the same classes. */
  private List<String> discoverClasses(JavaSparkContext sc) {
    List<String> pairs;
    if (isArchive()) {
      String archive = path;
      pairs = SparkInputs.binaryFiles(sc, path, 1, "image-folder archive")
          .values()
          .flatMap(file -> {
            InputStream raw = file.open();
            SparkInputs.closeOnTaskEnd(raw);
            TarArchiveInputStream tar = TarGzStream.open(raw);
            SparkInputs.closeOnTaskEnd(tar);
            Set<String> found = new TreeSet<>();
            // Only entry names matter here, but tar has no index: the stream is read through once.
            for (String name : TarGzStream.fileNames(tar, archive)) {
              ImageFolderLayout.parse(name, ARCHIVE_LEADING_SEGMENTS).ifPresent(e -> found.add(key(e)));
            }
            return found.iterator();
          })
          .collect();
    } else {
      String glob = SparkInputs.child(path, "{train,test}/*");
      // Only the path column is selected, so Spark lists the files without reading them.
      pairs = SparkInputs.smallFiles(sc, glob, 1, false, "image-folder folder")
          .javaRDD()
          .mapPartitions(rows -> {
            Set<String> found = new TreeSet<>();
            rows.forEachRemaining(
                row -> ImageFolderLayout.parse(row.getString(0), -1).ifPresent(e -> found.add(key(e))));
            return found.iterator();
          })
          .collect();
    }
    return checkSameClasses(pairs, path);
  }

  private static String key(ImageFolderLayout.Entry e) {
    return e.split().folderName() + "/" + e.className();
  }

  static List<String> checkSameClasses(List<String> splitClassPairs, String path) {
    Set<String> train = new TreeSet<>();
    Set<String> test = new TreeSet<>();
    for (String pair : splitClassPairs) {
      int slash = pair.indexOf('/');
      (pair.substring(0, slash).equals(Split.TRAIN.folderName()) ? train : test).add(pair.substring(slash + 1));
    }
    if (train.isEmpty() || test.isEmpty()) {
      throw new IllegalArgumentException(
          "image-folder " + path + " has no images under " + (train.isEmpty() ? "train" : "test")
              + "/<class>/ (expected train/<class>/*.png|jpg|jpeg and test/<class>/...)");
    }
    if (!train.equals(test)) {
      throw new IllegalArgumentException(
          "image-folder " + path + ": train classes " + train + " differ from test classes " + test);
    }
    return List.copyOf(new ArrayList<>(train));
  }

  @Override
  public String describe() {
    return "image-folder " + path + (isArchive() ? " (tar.gz, streamed in one task)" : " (folder)")
        + ", partitions=" + (partitions == 0 ? "default" : partitions);
  }

  @Override
  public String toString() {
    return describe();
  }
}
