package io.lrsched.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.spark.input.PortableDataStream;

/**
 * Streams the regular-file entries of a {@code .tar.gz} one after the other, without extracting anything to disk:
 * an archive is read in a single Spark task, so it must be consumed as a stream. {@link #flatMap} is lazy, which
 * lets Spark spill the 50,000 records of a split to its shuffle files instead of holding them all in memory.
 */
final class TarGzStream {
  private TarGzStream() {}

  /** Whether a path names a gzip-compressed tar archive by its suffix. */
  static boolean isTarGz(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.endsWith(".tar.gz") || p.endsWith(".tgz");
  }

  /** Opens a tar reader over gzip-compressed bytes (JDK zlib: faster than a pure-Java inflater). */
  static TarArchiveInputStream open(InputStream raw, String archiveName) {
    try {
      return new TarArchiveInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
    } catch (IOException e) {
      throw new BadInputException(archiveName + ": not a gzip stream (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The selected entries of an archive that a Spark task reads, each read whole and made into one record; the
   * streams are closed when the archive is exhausted or the task ends.
   *
   * @param file the archive as {@code binaryFiles} gives it
   * @param archiveName for messages
   * @param select which entry names to read
   * @param record turns (entry name, entry bytes) into a record
   */
  static <T> Iterator<T> imagesInTask(
      PortableDataStream file, String archiveName, Predicate<String> select, BiFunction<String, byte[], T> record) {
    InputStream raw = file.open();
    SparkInputs.closeOnTaskEnd(raw);
    TarArchiveInputStream tar = open(raw, archiveName);
    SparkInputs.closeOnTaskEnd(tar);
    return flatMap(tar, archiveName, select,
        (name, in) -> List.of(record.apply(name, readAll(in, name))).iterator(),
        () -> SparkInputs.close(tar));
  }

  /**
   * Entry names are normalised: a leading {@code ./} is dropped. Hidden files and macOS {@code ._} resource forks
   * are skipped because archives made on a Mac carry one beside every image.
   *
   * @param select which entry names to read
   * @param reader turns (name, stream positioned at the entry's content) into records; it must consume the
   *     records lazily from the stream before the next entry is requested and never close it
   * @param onDone called once when the archive is exhausted, e.g. to close it
   */
  static <T> Iterator<T> flatMap(
      TarArchiveInputStream tar,
      String archiveName,
      Predicate<String> select,
      BiFunction<String, InputStream, Iterator<T>> reader,
      Runnable onDone) {
    return new Iterator<>() {
      private Iterator<T> current = Collections.emptyIterator();
      private boolean done;

      @Override
      public boolean hasNext() {
        while (!current.hasNext()) {
          if (done) {
            return false;
          }
          String name = nextSelected();
          if (name == null) {
            done = true;
            onDone.run();
            return false;
          }
          current = reader.apply(name, tar);
        }
        return true;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }

      private String nextSelected() {
        try {
          TarArchiveEntry entry;
          while ((entry = tar.getNextTarEntry()) != null) {
            if (!entry.isFile()) {
              continue;
            }
            String name = normalise(entry.getName());
            if (isHidden(name) || !select.test(name)) {
              continue;
            }
            return name;
          }
          return null;
        } catch (IOException e) {
          throw new BadInputException(archiveName + ": cannot read the tar.gz archive (" + e.getMessage() + ")", e);
        }
      }
    };
  }

  /**
   * The normalised names of all regular files and directories (with a trailing {@code /}) in the archive, hidden ones
   * included: the image-folder layout decides what to ignore. Reads the archive to the end and closes it.
   */
  static List<String> entryNames(TarArchiveInputStream tar, String archiveName) {
    List<String> names = new ArrayList<>();
    try {
      TarArchiveEntry entry;
      while ((entry = tar.getNextTarEntry()) != null) {
        String name = normalise(entry.getName());
        if (entry.isDirectory()) {
          names.add(name.endsWith("/") ? name : name + "/");
        } else if (entry.isFile()) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new BadInputException(archiveName + ": cannot read the tar.gz archive (" + e.getMessage() + ")", e);
    }
    closeUnchecked(tar);
    return names;
  }

  static String normalise(String name) {
    String n = name.replace('\\', '/');
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    return n;
  }

  private static boolean isHidden(String name) {
    int slash = name.lastIndexOf('/');
    String base = name.substring(slash + 1);
    return base.startsWith(".");
  }

  /** The last path segment of a name or URI. */
  static String baseName(String path) {
    int slash = path.lastIndexOf('/');
    return path.substring(slash + 1);
  }

  static void closeUnchecked(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the rest of the current entry into a byte array. */
  static byte[] readAll(InputStream in, String name) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new BadInputException(name + ": read failed (" + e.getMessage() + ")", e);
    }
  }
}
