package io.lrsched.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;

/**
 * Images in the common image-folder layout, {@code train/<class>/*.png|jpg|jpeg} and {@code test/<class>/...}
 * (see {@link ImageFolderLayout}); class names are the sorted folder names, which must be the same in both splits,
 * at least two. Images of any size, grey, RGB or RGBA, PNG and JPEG mixed, are decoded on the executors and brought
 * to one size by an {@link ImageFit}.
 *
 * <p>The path is either the folder holding {@code train/} and {@code test/} (any Hadoop file system URI), or a
 * {@code .tar.gz}/{@code .tgz} of it, optionally with one top-level folder as in {@code cifar10-jpeg.tar.gz}. An
 * archive is streamed in one task that only emits the compressed bytes; they are repartitioned first and decoded
 * afterwards, so decoding (the costly part) runs on every partition in parallel.
 *
 * <p>Bad files: a non-image file or an empty class folder is found by the listing, an unreadable image when it is
 * decoded. Either fails with one line naming the file, or, when the source is built to skip bad files, the listing's
 * finds are reported by {@link #skippedAtListing()} and undecodable images come out of {@link #read} as
 * {@link Decoded#bad} records.
 */
public final class ImageFolderSource implements ImageSource {
  private static final long serialVersionUID = 1L;

  /** An archive may hold the layout inside one top-level folder, no deeper. */
  private static final int ARCHIVE_LEADING_SEGMENTS = 1;

  private final String path;
  private final int partitions;
  private final ImageFit fit;
  private final boolean skipBadFiles;
  private transient volatile List<String> classNames;
  private transient volatile List<String> skipped = List.of();

  /** CIFAR-sized images (32x32, no resizing), failing on the first bad file. */
  public ImageFolderSource(String path, int partitions) {
    this(path, partitions, ImageFit.cifar(), false);
  }

  /**
   * @param path the folder holding {@code train/} and {@code test/}, or a {@code .tar.gz}/{@code .tgz} of it
   * @param partitions partitions of each loaded split; 0 means the context's default parallelism
   * @param fit the images' target size and what to do with other sizes
   * @param skipBadFiles skip (and report) bad files instead of failing on the first
   */
  public ImageFolderSource(String path, int partitions, ImageFit fit, boolean skipBadFiles) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("data path for image-folder must be set (a folder or a .tar.gz of one)");
    }
    this.path = path;
    this.partitions = SparkInputs.checkPartitions(partitions);
    this.fit = fit;
    this.skipBadFiles = skipBadFiles;
  }

  private boolean isArchive() {
    return TarGzStream.isTarGz(path);
  }

  @Override
  public JavaRDD<LabeledImage> load(JavaSparkContext sc, Split split) {
    return read(sc, split).map(Decoded::imageOrThrow);
  }

  @Override
  public JavaRDD<Decoded> read(JavaSparkContext sc, Split split) {
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
          .filter(row -> isLabelledImage(ImageFolderLayout.parse(row.getString(0), -1).orElse(null), labels))
          .map(row -> {
            String file = row.getString(0);
            String className = ImageFolderLayout.parse(file, -1).orElseThrow().className();
            return new EncodedImage(file, labels.get(className), (byte[]) row.get(1));
          });
    }
    ImageFit target = fit;
    // Shuffle the small compressed files, then decode everywhere: decoding is what takes time.
    return encoded.repartition(p).map(e -> e.decode(target));
  }

  private static boolean isLabelledImage(ImageFolderLayout.Entry e, Map<String, Integer> labels) {
    return e != null && e.isImage() && labels.containsKey(e.className());
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
    return TarGzStream.imagesInTask(
        file,
        archive,
        name -> ImageFolderLayout.parse(name, ARCHIVE_LEADING_SEGMENTS)
            .filter(e -> e.split() == split && isLabelledImage(e, labels))
            .isPresent(),
        (name, bytes) -> {
          String className = ImageFolderLayout.parse(name, ARCHIVE_LEADING_SEGMENTS).orElseThrow().className();
          return new EncodedImage(archive + "!" + name, labels.get(className), bytes);
        });
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

  @Override
  public List<String> skippedAtListing() {
    return skipped;
  }

  /** Listing markers, computed on the executors so only a few strings per class reach the driver. */
  private static final String FOLDER = "F ";

  private static final String HAS_IMAGES = "I ";
  private static final String NOT_AN_IMAGE = "N ";

  /** Lists the layout (names only, no pixels), checks it and returns the classes. */
  private List<String> discoverClasses(JavaSparkContext sc) {
    List<String> markers;
    if (isArchive()) {
      String archive = path;
      markers = SparkInputs.binaryFiles(sc, path, 1, "image-folder archive")
          .values()
          .flatMap(file -> {
            InputStream raw = file.open();
            SparkInputs.closeOnTaskEnd(raw);
            TarArchiveInputStream tar = TarGzStream.open(raw, archive);
            SparkInputs.closeOnTaskEnd(tar);
            Set<String> found = new TreeSet<>();
            // Only entry names matter here, but tar has no index: the stream is read through once.
            for (String name : TarGzStream.entryNames(tar, archive)) {
              ImageFolderLayout.parse(name, ARCHIVE_LEADING_SEGMENTS)
                  .ifPresent(e -> found.add(marker(e, archive + "!" + name)));
            }
            return found.iterator();
          })
          .collect();
    } else {
      String glob = SparkInputs.child(path, "{train,test}/*");
      // Only the path column is selected, so Spark lists the files without reading them.
      List<String> fileMarkers = SparkInputs.smallFiles(sc, glob, 1, false, "image-folder folder")
          .javaRDD()
          .mapPartitions(rows -> {
            Set<String> found = new TreeSet<>();
            rows.forEachRemaining(row -> ImageFolderLayout.parse(row.getString(0), -1)
                .ifPresent(e -> found.add(marker(e, row.getString(0)))));
            return found.iterator();
          })
          .collect();
      markers = new ArrayList<>(fileMarkers);
      markers.addAll(classFolders(sc));
    }
    return check(markers);
  }

  private static String marker(ImageFolderLayout.Entry e, String name) {
    if (e.fileName().isEmpty()) {
      return FOLDER + e.classFolder();
    }
    return e.isImage() ? HAS_IMAGES + e.classFolder() : NOT_AN_IMAGE + name;
  }

  /** The class folders of both splits, listed on the driver: Spark's file listing never shows an empty folder. */
  private List<String> classFolders(JavaSparkContext sc) {
    List<String> out = new ArrayList<>();
    try {
      Path glob = new Path(SparkInputs.child(path, "{train,test}/*"));
      FileSystem fs = glob.getFileSystem(sc.hadoopConfiguration());
      FileStatus[] found = fs.globStatus(glob);
      for (FileStatus status : found == null ? new FileStatus[0] : found) {
        if (status.isDirectory()) {
          ImageFolderLayout.parse(status.getPath().toString() + "/", -1)
              .ifPresent(e -> out.add(FOLDER + e.classFolder()));
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("image-folder " + path + ": cannot list the class folders (" + e + ")", e);
    }
    return out;
  }

  /** Checks the listing: no non-image files, no empty class folders (or skips them), the same classes in both. */
  private List<String> check(List<String> markers) {
    Set<String> folders = new TreeSet<>();
    Set<String> withImages = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (String m : new TreeSet<>(markers)) {
      String value = m.substring(2);
      if (m.startsWith(FOLDER)) {
        folders.add(value);
      } else if (m.startsWith(HAS_IMAGES)) {
        withImages.add(value);
      } else {
        problems.add(value + ": not an image (expected .png, .jpg or .jpeg)");
      }
    }
    folders.addAll(withImages);
    for (String folder : folders) {
      if (!withImages.contains(folder)) {
        problems.add(SparkInputs.child(path, folder) + ": empty class folder (no .png, .jpg or .jpeg files)");
      }
    }
    if (!problems.isEmpty() && !skipBadFiles) {
      throw new BadInputException(problems.get(0));
    }
    skipped = List.copyOf(problems);
    return checkSameClasses(withImages, path);
  }

  static List<String> checkSameClasses(Collection<String> classFolders, String path) {
    Set<String> train = new TreeSet<>();
    Set<String> test = new TreeSet<>();
    for (String folder : classFolders) {
      int slash = folder.indexOf('/');
      (folder.substring(0, slash).equals(Split.TRAIN.folderName()) ? train : test).add(folder.substring(slash + 1));
    }
    if (train.isEmpty() || test.isEmpty()) {
      throw new IllegalArgumentException(
          "image-folder " + path + " has no images under " + (train.isEmpty() ? "train" : "test")
              + "/<class>/ (expected train/<class>/*.png|jpg|jpeg and test/<class>/...)");
    }
    if (!train.equals(test)) {
      Set<String> onlyTrain = new TreeSet<>(train);
      onlyTrain.removeAll(test);
      Set<String> onlyTest = new TreeSet<>(test);
      onlyTest.removeAll(train);
      throw new BadInputException("image-folder " + path + ": train and test must have the same classes; "
          + (onlyTrain.isEmpty() ? "" : "only in train: " + onlyTrain + (onlyTest.isEmpty() ? "" : "; "))
          + (onlyTest.isEmpty() ? "" : "only in test: " + onlyTest));
    }
    if (train.size() < 2) {
      throw new BadInputException(
          "image-folder " + path + ": found 1 class " + train + ", a classifier needs at least 2");
    }
    return List.copyOf(train);
  }

  @Override
  public String describe() {
    return "image-folder " + path + (isArchive() ? " (tar.gz, streamed in one task)" : " (folder)")
        + ", images " + fit.describe() + (skipBadFiles ? ", skipping bad files" : "")
        + ", partitions=" + (partitions == 0 ? "default" : partitions);
  }

  @Override
  public String toString() {
    return describe();
  }
}
