package io.lrsched.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * One run's output folder on any Hadoop file system: a local path, {@code file://}, {@code hdfs://} or {@code
 * s3a://} (the latter with hadoop-aws on the classpath).
 *
 * <p>Every write is atomic: the content goes to a hidden temporary file in the same folder, which is then renamed
 * over the final name, so a crash never leaves a half-written file under the final name. How "renamed over" is
 * done depends on the file system:
 *
 * <ul>
 *   <li>local disk: {@code rename(2)}, which atomically replaces an existing file;
 *   <li>HDFS: {@code rename} with {@code OVERWRITE}, atomic on the NameNode;
 *   <li>others (object stores): delete the old file, then rename. A crash between the two leaves no file, never a
 *       partial one; object stores offer no atomic replace.
 * </ul>
 *
 * <p>On a cluster, pass Spark's Hadoop configuration ({@code SparkContext.hadoopConfiguration()}): it carries the
 * {@code spark.hadoop.*} settings (S3A credentials and endpoints, HDFS client settings) that the clients writing the
 * run's files need; a fresh {@link Configuration} sees only {@code core-site.xml}.
 *
 * <p>Instances hold only the folder's URI and their Hadoop configuration (no {@link FileSystem}), so they serialize
 * safely; use them on the driver. Names given to the methods are relative to the folder, {@code /}-separated, and
 * may not start a segment with {@code .} (reserved for temporary files).
 */
public final class RunFolder implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Claims a new folder; created with overwrite=false, which is atomic on HDFS, so two runs never share one. */
  static final String MARKER = ".lrsched-run";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
  private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern SEGMENT = Pattern.compile("[^./\\\\:][^/\\\\:]*");
  private static final int MAX_SUFFIX = 1000;

  private final String uri;
  /** Hadoop's Configuration is not Serializable: written by writeObject with Hadoop's own Writable format. */
  private transient Configuration conf;
  /** Checked before every publication and deletion; null (as after deserialization) means none. */
  private transient WriteFence fence;

  private RunFolder(String uri, Configuration conf) {
    this.uri = uri;
    this.conf = conf;
  }

  /**
   * Creates a new, uniquely named run folder {@code <outputDir>/<runName>-<yyyyMMdd-HHmmss>[-N]} (local time),
   * creating {@code outputDir} if needed. An existing folder is never reused: a clash adds {@code -2}, {@code -3}...
   *
   * @param outputDirUri a Hadoop URI ({@code hdfs://nn:8020/runs}, {@code s3a://bucket/runs}, {@code file:///tmp})
   *     or a plain local path; a path without a scheme is always local (resolved against the working directory),
   *     never the cluster's default file system
   * @param runName letters, digits, {@code .}, {@code _}, {@code -}; must start with a letter or digit
   * @throws IllegalArgumentException if the run name or URI is malformed
   * @throws StorageException if the folder cannot be created (unknown scheme, permission, unreachable)
   */
  public static RunFolder create(String outputDirUri, String runName) {
    return create(outputDirUri, runName, new Configuration());
  }

  /**
   * As {@link #create(String, String)}, reaching the file system with the given Hadoop configuration (copied), for
   * example Spark's, which carries the {@code spark.hadoop.*} settings.
   */
  public static RunFolder create(String outputDirUri, String runName, Configuration hadoopConf) {
    return create(outputDirUri, runName, hadoopConf, Clock.systemDefaultZone());
  }

  /** As {@link #create(String, String, Configuration)}, with the clock that names the folder (tests fix it). */
  static RunFolder create(String outputDirUri, String runName, Configuration hadoopConf, Clock clock) {
    if (runName == null || !RUN_NAME.matcher(runName).matches()) {
      throw new IllegalArgumentException(
          "run name '" + runName + "' is not allowed: use letters, digits, '.', '_' and '-', starting with a letter"
              + " or digit");
    }
    Path parent = toPath(outputDirUri, "output dir");
    Configuration conf = new Configuration(hadoopConf);
    FileSystem fs = fileSystem(parent, conf);
    String base = runName + "-" + STAMP.format(LocalDateTime.now(clock));
    try {
      parent = fs.makeQualified(parent);
      if (!fs.mkdirs(parent)) {
        throw new StorageException("Cannot create output dir '" + parent + "'");
      }
      for (int n = 1; n <= MAX_SUFFIX; n++) {
        Path dir = new Path(parent, n == 1 ? base : base + "-" + n);
        if (fs.exists(dir)) {
          continue;
        }
        if (!fs.mkdirs(dir)) {
          throw new StorageException("Cannot create run folder '" + dir + "': is '" + parent + "' writable?");
        }
        if (claim(fs, dir)) {
          return new RunFolder(dir.toString(), conf);
        }
      }
    } catch (IOException e) {
      throw new StorageException("Cannot create a run folder in '" + outputDirUri + "': " + oneLine(e), e);
    }
    throw new StorageException(
        "Cannot create a run folder in '" + outputDirUri + "': " + MAX_SUFFIX + " folders named " + base + " exist");
  }

  /**
   * Opens an existing run folder (to resume a run, or to add files to it).
   *
   * @param runFolderUri the folder's URI as returned by {@link #uri()}, or a local path
   * @throws StorageException if it does not exist, is not a folder, or cannot be reached
   */
  public static RunFolder open(String runFolderUri) {
    return open(runFolderUri, new Configuration());
  }

  /**
   * As {@link #open(String)}, reaching the file system with the given Hadoop configuration (copied), for example
   * Spark's.
   */
  public static RunFolder open(String runFolderUri, Configuration hadoopConf) {
    Configuration conf = new Configuration(hadoopConf);
    Path dir = toPath(runFolderUri, "run folder");
    FileSystem fs = fileSystem(dir, conf);
    try {
      FileStatus status = fs.getFileStatus(dir);
      if (!status.isDirectory()) {
        throw new StorageException("Run folder '" + runFolderUri + "' is a file, not a folder");
      }
      return new RunFolder(fs.makeQualified(dir).toString(), conf);
    } catch (FileNotFoundException e) {
      throw new StorageException("Run folder '" + runFolderUri + "' does not exist", e);
    } catch (IOException e) {
      throw new StorageException("Cannot open run folder '" + runFolderUri + "': " + oneLine(e), e);
    }
  }

  /**
   * The run folder at exactly this URI: opened if it exists, created (with its parents) otherwise. For callers that
   * choose the folder themselves, such as a sweep that resumes its trials in place.
   *
   * @param runFolderUri the folder's URI, or a local path
   * @throws StorageException if it is a file, or cannot be created or reached
   */
  public static RunFolder at(String runFolderUri) {
    return at(runFolderUri, new Configuration());
  }

  /** As {@link #at(String)}, reaching the file system with the given Hadoop configuration (copied). */
  public static RunFolder at(String runFolderUri, Configuration hadoopConf) {
    Path dir = toPath(runFolderUri, "run folder");
    FileSystem fs = fileSystem(dir, new Configuration(hadoopConf));
    try {
      if (!fs.exists(dir)) {
        if (!fs.mkdirs(dir)) {
          throw new StorageException("Cannot create run folder '" + runFolderUri + "'");
        }
        claim(fs, dir);
      }
    } catch (IOException e) {
      throw new StorageException("Cannot create run folder '" + runFolderUri + "': " + oneLine(e), e);
    }
    return open(runFolderUri, hadoopConf);
  }

  /**
   * This folder, with every write and delete checked against a fence first: once the fence refuses, nothing more is
   * written or deleted through the returned instance.
   */
  public RunFolder fencedBy(WriteFence writeFence) {
    RunFolder fenced = new RunFolder(uri, conf);
    fenced.fence = Objects.requireNonNull(writeFence, "writeFence");
    return fenced;
  }

  /** The fence this instance checks, {@link WriteFence#NONE} if none. */
  public WriteFence fence() {
    return fence == null ? WriteFence.NONE : fence;
  }

  /** The folder's fully qualified URI, e.g. {@code hdfs://nn:8020/runs/step-20240101-120000}. */
  public String uri() {
    return uri;
  }

  /** The folder's own name, e.g. {@code step-20240101-120000}. */
  public String name() {
    return new Path(uri).getName();
  }

  /** The fully qualified URI of a file in this folder (for log lines; the file need not exist). */
  public String fileUri(String relativeName) {
    return child(relativeName).toString();
  }

  /** Writes UTF-8 text atomically, replacing any file of that name. */
  public void writeText(String relativeName, String text) {
    writeBytes(relativeName, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes bytes atomically, replacing any file of that name. */
  public void writeBytes(String relativeName, byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    write(relativeName, out -> out.write(bytes));
  }

  /**
   * Writes a file atomically from a stream, replacing any file of that name; missing sub-folders are created.
   *
   * @throws StorageException if writing or renaming fails; the temporary file is removed and an older file of the
   *     same name is left as it was
   */
  public void write(String relativeName, StreamWriter writer) {
    Path target = child(relativeName);
    FileSystem fs = fileSystem();
    Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    try {
      fs.mkdirs(target.getParent());
      try (FSDataOutputStream out = fs.create(tmp, false)) {
        writer.writeTo(out);
        // Data must be durable before the rename publishes it, or a power loss could leave an empty final file.
        if (out.hasCapability(StreamCapabilities.HSYNC)) {
          out.hsync();
        }
      }
      // Checked after the content is written, immediately before it becomes visible under its name.
      fence().check();
      replace(fs, tmp, target);
    } catch (IOException e) {
      deleteQuietly(fs, tmp);
      throw new StorageException("Cannot write '" + target + "': " + oneLine(e), e);
    } catch (RuntimeException e) {
      deleteQuietly(fs, tmp);
      throw e;
    }
  }

  /** Reads a UTF-8 text file. @throws StorageException if it does not exist or cannot be read */
  public String readText(String relativeName) {
    return new String(readBytes(relativeName), StandardCharsets.UTF_8);
  }

  /** Reads a file's bytes. @throws StorageException if it does not exist or cannot be read */
  public byte[] readBytes(String relativeName) {
    Path file = child(relativeName);
    try (InputStream in = fileSystem().open(file)) {
      return in.readAllBytes();
    } catch (FileNotFoundException e) {
      throw new StorageException("No file '" + relativeName + "' in run folder '" + uri + "'", e);
    } catch (IOException e) {
      throw new StorageException("Cannot read '" + file + "': " + oneLine(e), e);
    }
  }

  /** Whether a file or sub-folder of that name exists. */
  public boolean exists(String relativeName) {
    Path file = child(relativeName);
    try {
      return fileSystem().exists(file);
    } catch (IOException e) {
      throw new StorageException("Cannot check '" + file + "': " + oneLine(e), e);
    }
  }

  /**
   * Deletes a file or a sub-folder with everything in it.
   *
   * @return whether anything was deleted
   */
  public boolean deleteTree(String relativeName) {
    Path path = child(relativeName);
    fence().check();
    try {
      return fileSystem().delete(path, true);
    } catch (IOException e) {
      throw new StorageException("Cannot delete '" + path + "': " + oneLine(e), e);
    }
  }

  /**
   * The files in this folder and its sub-folders, as sorted relative names ({@code checkpoints/epoch-003.zip});
   * temporary and marker files (names starting with {@code .}) are left out.
   */
  public List<String> list() {
    Path dir = new Path(uri);
    String prefix = Path.getPathWithoutSchemeAndAuthority(dir).toUri().getPath() + "/";
    List<String> names = new ArrayList<>();
    try {
      RemoteIterator<LocatedFileStatus> files = fileSystem().listFiles(dir, true);
      while (files.hasNext()) {
        String path = Path.getPathWithoutSchemeAndAuthority(files.next().getPath()).toUri().getPath();
        String relative = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
        if (!relative.startsWith(".") && !relative.contains("/.")) {
          names.add(relative);
        }
      }
    } catch (IOException e) {
      throw new StorageException("Cannot list run folder '" + uri + "': " + oneLine(e), e);
    }
    Collections.sort(names);
    return List.copyOf(names);
  }

  /** Two instances are equal when they name the same folder (whatever configuration reaches it). */
  @Override
  public boolean equals(Object o) {
    return o instanceof RunFolder other && uri.equals(other.uri);
  }

  @Override
  public int hashCode() {
    return uri.hashCode();
  }

  /** The folder's URI. */
  @Override
  public String toString() {
    return uri;
  }

  private Path child(String relativeName) {
    if (relativeName == null || relativeName.isEmpty()) {
      throw new IllegalArgumentException("file name in a run folder must not be empty");
    }
    for (String segment : relativeName.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException(
            "file name '" + relativeName + "' is not allowed in a run folder: use '/'-separated names without"
                + " empty segments, '\\' or ':', none starting with '.'");
      }
    }
    return new Path(uri + "/" + relativeName);
  }

  private FileSystem fileSystem() {
    return fileSystem(new Path(uri), conf);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }

  /**
   * The file system of a path; on local disk the raw one, because the checksummed default writes a {@code .crc}
   * file beside every file and its rename is not an atomic replace.
   */
  private static FileSystem fileSystem(Path path, Configuration conf) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    } catch (UnsupportedFileSystemException e) {
      throw new StorageException(
          "No Hadoop file system for scheme '" + path.toUri().getScheme() + "' in '" + path
              + "': use a local path, file://, hdfs:// or s3a:// (with hadoop-aws on the classpath)",
          e);
    } catch (IOException e) {
      throw new StorageException("Cannot reach the file system of '" + path + "': " + oneLine(e), e);
    }
  }

  /** A scheme-less string is a local path; anything else is parsed by Hadoop as a URI. */
  private static Path toPath(String uriString, String what) {
    if (uriString == null || uriString.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    try {
      Path path = new Path(uriString);
      if (path.toUri().getScheme() == null) {
        return new Path("file", null, new java.io.File(uriString).getAbsolutePath());
      }
      return path;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " '" + uriString + "' is not a valid path or URI: " + oneLine(e), e);
    }
  }

  private static boolean claim(FileSystem fs, Path dir) throws IOException {
    try (FSDataOutputStream out = fs.create(new Path(dir, MARKER), false)) {
      out.write(dir.getName().getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  private static void replace(FileSystem fs, Path tmp, Path target) throws IOException {
    if (fs instanceof DistributedFileSystem dfs) {
      dfs.rename(tmp, target, Options.Rename.OVERWRITE);
    } else if (fs instanceof RawLocalFileSystem) {
      // java.io.File.renameTo is rename(2) on POSIX, which replaces an existing target atomically.
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename of " + tmp.getName() + " failed");
      }
    } else {
      // Plain FileSystem.rename refuses an existing target, and object stores have no atomic replace.
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename of " + tmp.getName() + " failed");
      }
    }
  }

  private static void deleteQuietly(FileSystem fs, Path tmp) {
    try {
      fs.delete(tmp, false);
    } catch (IOException | RuntimeException ignored) {
      // The original failure is what the user needs to see; a stray hidden temp file is harmless.
    }
  }

  /** Hadoop messages (RemoteException) can carry a whole server stack trace; the CLI shows one line. */
  static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }
}
