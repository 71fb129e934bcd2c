package io.lrsched.data;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import scala.Tuple2;

/**
 * The official CIFAR-10 binary release ({@code cifar-10-binary.tar.gz}, Krizhevsky 2009): {@code data_batch_1.bin}
 * to {@code data_batch_5.bin} are the training split, {@code test_batch.bin} the test split, each a sequence of
 * 3073-byte records (see {@link CifarBinaryRecords}).
 *
 * <p>The path is either a folder holding those files (any Hadoop file system URI: {@code file:}, {@code hdfs:}, or a
 * plain path on the default file system) or the {@code .tar.gz} archive itself, which is streamed in one task and
 * then repartitioned (the batch files are found by name anywhere inside it). Class names come from
 * {@code batches.meta.txt} when present, else the official ten names.
 */
public final class CifarBinarySource implements ImageSource {
  private static final long serialVersionUID = 1L;

  /** The official CIFAR-10 class names in label order. */
  public static final List<String> OFFICIAL_CLASS_NAMES =
      List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  static final String META_FILE = "batches.meta.txt";
  private static final List<String> TRAIN_FILES =
      List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
  private static final List<String> TEST_FILES = List.of("test_batch.bin");

  private final String path;
  private final int partitions;
  private final ImageFit fit;
  private transient volatile List<String> classNames;

  /** CIFAR's own 32x32 images. */
  public CifarBinarySource(String path, int partitions) {
    this(path, partitions, ImageFit.cifar());
  }

  /**
   * @param path a folder with the batch files, or the {@code .tar.gz}/{@code .tgz} release archive
   * @param partitions partitions of each loaded split; 0 means the context's default parallelism
   * @param fit the target size: another size than 32 resizes every image (the fit must allow resizing then)
   */
  public CifarBinarySource(String path, int partitions, ImageFit fit) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("data path for cifar-binary must be set (a folder or cifar-10-binary.tar.gz)");
    }
    this.path = path;
    this.partitions = SparkInputs.checkPartitions(partitions);
    if (fit.size() != LabeledImage.CIFAR_SIDE && fit.resize() == ImageFit.Resize.REJECT) {
      throw new IllegalArgumentException("cifar-binary images are 32x32: image size " + fit.size()
          + " needs a resize mode (stretch, center-crop or pad)");
    }
    this.fit = fit;
  }

  static List<String> filesOf(Split split) {
    return split == Split.TRAIN ? TRAIN_FILES : TEST_FILES;
  }

  @Override
  public JavaRDD<LabeledImage> load(JavaSparkContext sc, Split split) {
    int p = SparkInputs.partitions(sc, partitions);
    Set<String> wanted = new TreeSet<>(filesOf(split));
    JavaRDD<LabeledImage> raw;
    if (TarGzStream.isTarGz(path)) {
      String archive = path;
      raw = SparkInputs.binaryFiles(sc, path, 1, "cifar-binary archive")
          .values()
          .flatMap(stream -> readArchive(stream, archive, wanted));
    } else {
      checkFolderHas(sc, wanted);
      String glob = SparkInputs.child(path, "{" + String.join(",", wanted) + "}");
      raw = SparkInputs.binaryFiles(sc, glob, p, "cifar-binary folder")
          .flatMap(file -> readFile(file._1(), file._2()));
    }
    JavaRDD<LabeledImage> spread = raw.repartition(p);
    if (fit.size() == LabeledImage.CIFAR_SIDE) {
      return spread;
    }
    ImageFit target = fit;
    String source = path;
    int side = LabeledImage.CIFAR_SIDE;
    return spread.map(image -> LabeledImage.wrap(image.label(), target.fit(image.rawPixels(), side, side, source)));
  }

  private static Iterator<LabeledImage> readFile(String name, PortableDataStream file) {
    DataInputStream in = file.open();
    SparkInputs.closeOnTaskEnd(in);
    return CifarBinaryRecords.iterate(in, name);
  }

  private static Iterator<LabeledImage> readArchive(PortableDataStream file, String archive, Set<String> wanted) {
    InputStream raw = file.open();
    SparkInputs.closeOnTaskEnd(raw);
    TarArchiveInputStream tar = TarGzStream.open(raw, archive);
    SparkInputs.closeOnTaskEnd(tar);
    Set<String> seen = new TreeSet<>();
    return TarGzStream.flatMap(
        tar,
        archive,
        name -> wanted.contains(TarGzStream.baseName(name)),
        (name, in) -> {
          seen.add(TarGzStream.baseName(name));
          return CifarBinaryRecords.iterate(in, archive + "!" + name);
        },
        () -> {
          // An archive without the expected batches would otherwise load as an empty split.
          if (!seen.containsAll(wanted)) {
            Set<String> missing = new TreeSet<>(wanted);
            missing.removeAll(seen);
            throw new IllegalArgumentException(archive + ": missing CIFAR-10 batch files " + missing);
          }
          SparkInputs.close(tar);
        });
  }

  /** Lists the folder (a handful of files) so a missing batch file is reported by name before any data is read. */
  private void checkFolderHas(JavaSparkContext sc, Set<String> wanted) {
    List<String> present = folderListing(sc).names();
    Set<String> missing = new TreeSet<>(wanted);
    missing.removeAll(present);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "cifar-binary folder " + path + " lacks " + missing + " (expected the files of cifar-10-binary.tar.gz)");
    }
  }

  /** File names of the folder plus the text of batches.meta.txt if it is there. */
  private record Listing(List<String> names, String metaText) {}

  private Listing folderListing(JavaSparkContext sc) {
    List<Tuple2<String, String>> files = SparkInputs.binaryFiles(sc, path, 1, "cifar-binary folder")
        .map(f -> {
          String name = TarGzStream.baseName(f._1());
          String text = META_FILE.equals(name) ? new String(f._2().toArray(), StandardCharsets.UTF_8) : null;
          return new Tuple2<>(name, text);
        })
        .collect();
    List<String> names = new ArrayList<>();
    String meta = null;
    for (Tuple2<String, String> f : files) {
      names.add(f._1());
      if (f._2() != null) {
        meta = f._2();
      }
    }
    return new Listing(names, meta);
  }

  @Override
  public List<String> classNames(JavaSparkContext sc) {
    List<String> names = classNames;
    if (names == null) {
      String meta = TarGzStream.isTarGz(path) ? archiveMeta(sc) : folderListing(sc).metaText();
      names = meta == null ? OFFICIAL_CLASS_NAMES : parseMeta(meta, path);
      classNames = names;
    }
    return names;
  }

  /** Streams the archive until batches.meta.txt (near its start in the official release), or to the end. */
  private String archiveMeta(JavaSparkContext sc) {
    String archive = path;
    List<String> found = SparkInputs.binaryFiles(sc, path, 1, "cifar-binary archive")
        .values()
        .flatMap(file -> {
          InputStream raw = file.open();
          SparkInputs.closeOnTaskEnd(raw);
          TarArchiveInputStream tar = TarGzStream.open(raw, archive);
          SparkInputs.closeOnTaskEnd(tar);
          Iterator<String> texts = TarGzStream.flatMap(
              tar,
              archive,
              name -> META_FILE.equals(TarGzStream.baseName(name)),
              (name, in) -> List.of(new String(TarGzStream.readAll(in, name), StandardCharsets.UTF_8)).iterator(),
              () -> {});
          return texts.hasNext() ? List.of(texts.next()).iterator() : Collections.emptyIterator();
        })
        .collect();
    return found.isEmpty() ? null : found.get(0);
  }

  /** One class name per line; blank lines (the official file ends with some) are ignored. */
  static List<String> parseMeta(String text, String source) {
    List<String> names = new ArrayList<>();
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        names.add(line.trim());
      }
    }
    if (names.size() != LabeledImage.CIFAR_CLASSES) {
      throw new IllegalArgumentException(
          source + ": " + META_FILE + " names " + names.size() + " classes, CIFAR-10 has "
              + LabeledImage.CIFAR_CLASSES);
    }
    return List.copyOf(names);
  }

  @Override
  public String describe() {
    return "cifar-binary " + path + (TarGzStream.isTarGz(path) ? " (tar.gz, streamed in one task)" : " (folder)")
        + (fit.size() == LabeledImage.CIFAR_SIDE ? "" : ", images " + fit.describe())
        + ", partitions=" + (partitions == 0 ? "default" : partitions);
  }

  @Override
  public String toString() {
    return describe();
  }
}
