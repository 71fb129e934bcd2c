package io.lrsched.data;

import java.util.List;

/**
 * Builds an {@link ImageSource} from plain configuration values, so the config layer needs no knowledge of the
 * implementations. Kinds: {@value #CIFAR_BINARY}, {@value #IMAGE_FOLDER}, {@value #TABLE}, {@value #SYNTHETIC}.
 */
public final class ImageSources {
  /** The official CIFAR-10 binary release, as a folder or its tar.gz. */
  public static final String CIFAR_BINARY = "cifar-binary";
  /** train/&lt;class&gt;/*.png|jpg and test/&lt;class&gt;/..., as a folder or a tar.gz of it. */
  public static final String IMAGE_FOLDER = "image-folder";
  /** A Spark SQL table (or two) of encoded images or image structs with labels; see {@link TableSource}. */
  public static final String TABLE = "table";
  /** Generated CIFAR-like data (data.synthetic.*); the path is ignored. */
  public static final String SYNTHETIC = "synthetic";
  /** Every supported kind. */
  public static final List<String> KINDS = List.of(CIFAR_BINARY, IMAGE_FOLDER, TABLE, SYNTHETIC);

  /** Images in CIFAR-10's training split (data_batch_1..5): what a run over the real data counts per epoch. */
  public static final int CIFAR10_TRAIN_IMAGES = 50_000;

  private ImageSources() {}

  /**
   * @param kind one of {@link #KINDS}
   * @param path data location for the file-based kinds (folder or .tar.gz, any Hadoop FS URI); unused for synthetic
   * @param partitions partitions of each loaded split; 0 means the Spark context's default parallelism
   * @param seed generator seed (synthetic only)
   * @param syntheticTrainSize training images (synthetic only)
   * @param syntheticTestSize test images (synthetic only)
   * @param syntheticClasses classes (synthetic only)
   * @param fit the images' size and how other sizes are resized (synthetic images are generated at the size)
   * @param skipBadFiles skip and report bad files instead of failing (image-folder only)
   * @param table the table's location and columns (table only; null for the other kinds)
   * @throws IllegalArgumentException for an unknown kind, a missing path or an invalid size
   */
  public static ImageSource create(
      String kind, String path, int partitions, long seed, int syntheticTrainSize, int syntheticTestSize,
      int syntheticClasses, ImageFit fit, boolean skipBadFiles, TableSpec table) {
    if (kind == null) {
      throw new IllegalArgumentException("data kind must be set, one of " + KINDS);
    }
    return switch (kind) {
      case CIFAR_BINARY -> new CifarBinarySource(path, partitions, fit);
      case IMAGE_FOLDER -> new ImageFolderSource(path, partitions, fit, skipBadFiles);
      case TABLE -> new TableSource(table, partitions, fit);
      case SYNTHETIC -> new SyntheticSource(
          syntheticTrainSize, syntheticTestSize, syntheticClasses, seed, partitions, fit.size());
      default -> throw new IllegalArgumentException("unknown data kind '" + kind + "', allowed: " + KINDS);
    };
  }
}
