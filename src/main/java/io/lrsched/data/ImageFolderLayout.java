package io.lrsched.data;

import java.util.Optional;

/**
 * The image-folder layout: {@code [top/]train/<class>/<file>.png|jpg|jpeg} and the same under {@code test/}.
 *
 * <p>In an archive, one optional top-level folder is allowed (e.g. {@code cifar10-jpeg/train/cat/0001.jpg}),
 * because that is how such folders are usually packed; deeper nesting is ignored so that unrelated files in an
 * archive are never taken for images.
 */
final class ImageFolderLayout {
  private ImageFolderLayout() {}

  /** Where one image file belongs. */
  record Entry(Split split, String className) {}

  /**
   * Reads split and class from the last three segments of a path (URI, absolute path or archive entry name).
   *
   * @param maxLeadingSegments how many segments may precede the split folder, or -1 for any (folder URIs)
   */
  static Optional<Entry> parse(String path, int maxLeadingSegments) {
    String[] parts = TarGzStream.normalise(path).split("/");
    int n = parts.length;
    if (n < 3 || !ImageDecoder.isImageName(parts[n - 1]) || parts[n - 2].isEmpty()) {
      return Optional.empty();
    }
    if (maxLeadingSegments >= 0 && n - 3 > maxLeadingSegments) {
      return Optional.empty();
    }
    String splitName = parts[n - 3];
    for (Split s : Split.values()) {
      if (s.folderName().equals(splitName)) {
        return Optional.of(new Entry(s, parts[n - 2]));
      }
    }
    return Optional.empty();
  }
}
