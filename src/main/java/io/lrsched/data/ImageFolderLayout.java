package io.lrsched.data;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The image-folder layout: {@code [top/]train/<class>/<file>} and the same under {@code test/}, where a file is a
 * PNG or JPEG ({@code .png}, {@code .jpg}, {@code .jpeg} in any case).
 *
 * <p>In an archive, one optional top-level folder is allowed (e.g. {@code cifar10-jpeg/train/cat/0001.jpg}),
 * because that is how such folders are usually packed; deeper nesting is ignored so that unrelated files in an
 * archive are never taken for images. What operating systems and tools leave beside images is ignored wherever it
 * is: hidden files and folders ({@code .DS_Store}, {@code ._x.png} resource forks, {@code .ipynb_checkpoints}),
 * {@code __MACOSX}, {@code Thumbs.db} and {@code desktop.ini}.
 */
final class ImageFolderLayout {
  private ImageFolderLayout() {}

  /** File names Windows leaves in folders (compared in lower case). */
  private static final Set<String> SYSTEM_FILES = Set.of("thumbs.db", "desktop.ini");

  /**
   * A file (or, with an empty file name, a folder) at the class level of the layout.
   *
   * @param split the split folder it is in
   * @param className its class folder
   * @param fileName its name inside the class folder; empty for the class folder itself
   */
  record Entry(Split split, String className, String fileName) {
    /** Whether the file has an image extension. */
    boolean isImage() {
      return isImageName(fileName);
    }

    /** "train/cat", for messages and listings. */
    String classFolder() {
      return split.folderName() + "/" + className;
    }
  }

  /** Whether a file name has an extension the decoder reads: png, jpg, jpeg (any case). */
  static boolean isImageName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
  }

  /** Whether a file or folder name is something tools leave behind rather than data (see the class comment). */
  static boolean isIgnored(String name) {
    return name.startsWith(".") || name.equals("__MACOSX") || SYSTEM_FILES.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Reads split, class and file name from the end of a path (URI, absolute path or archive entry name). A path
   * ending in {@code /} names a folder: {@code train/cat/} is the class folder itself.
   *
   * @param maxLeadingSegments how many segments may precede the split folder, or -1 for any (folder URIs)
   * @return the entry, or empty when the path is not at the class level of the layout or is ignored
   */
  static Optional<Entry> parse(String path, int maxLeadingSegments) {
    String normalised = TarGzStream.normalise(path);
    boolean folder = normalised.endsWith("/");
    String[] parts = (folder ? normalised + "-" : normalised).split("/");
    int n = parts.length;
    // Only the layout's own levels count: a hidden folder above the data set (~/.cache/...) is the user's choice.
    if (n < 3 || parts[n - 1].isEmpty() || parts[n - 2].isEmpty() || isIgnored(parts[n - 2])
        || (!folder && isIgnored(parts[n - 1]))) {
      return Optional.empty();
    }
    if (maxLeadingSegments >= 0 && n - 3 > maxLeadingSegments) {
      return Optional.empty();
    }
    String splitName = parts[n - 3];
    if (maxLeadingSegments > 0 && n == 4 && isIgnored(parts[0])) {
      return Optional.empty(); // e.g. __MACOSX/train/cat/._0001.jpg in an archive made on a Mac
    }
    for (Split s : Split.values()) {
      if (s.folderName().equals(splitName)) {
        return Optional.of(new Entry(s, parts[n - 2], folder ? "" : parts[n - 1]));
      }
    }
    return Optional.empty();
  }
}
