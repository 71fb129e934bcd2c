package io.lrsched.sweep;

import io.lrsched.storage.RunFolder;
import io.lrsched.storage.StorageException;
import io.lrsched.storage.WriteFence;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * A sweep's folder on any Hadoop file system:
 *
 * <pre>
 * &lt;output.dir&gt;/&lt;sweep name&gt;/
 *   sweep.conf                  the resolved sweep block
 *   trials.csv                  one row per trial (see {@link SweepReport})
 *   leaderboard.csv, statistics.csv
 *   trials/&lt;id&gt;/state-g000002-v000000017   the trial's state record ({@link TrialState}): versions, newest wins
 *   trials/&lt;id&gt;/lease-000001   leases, one file per generation, created if absent ({@link Lease})
 *   trials/&lt;id&gt;/run/          the trial's run folder, with its checkpoints
 * </pre>
 *
 * Files are replaced atomically (through {@link RunFolder}); leases are created with an atomic create-if-absent.
 */
final class SweepFolder {
  private static final Pattern LEASE = Pattern.compile("lease-(\\d+)");
  private static final Pattern STATE = Pattern.compile("state-g\\d{6}-v\\d{9}");
  /** The single, replaced-in-place state record of sweeps started before records were versioned. */
  private static final String LEGACY_STATE = "state";
  /** The line of a lease file that says when its holder created it. */
  static final String CREATED = "created=";

  private final RunFolder root;
  private final Path path;
  private final FileSystem fs;

  private SweepFolder(RunFolder root, Path path, FileSystem fs) {
    this.root = root;
    this.path = path;
    this.fs = fs;
  }

  /** The folder of a trial in a sweep folder. */
  static String trialFolder(String sweepUri, String trial) {
    return sweepUri + "/trials/" + trial;
  }

  /**
   * Opens a sweep folder, creating it if needed.
   *
   * @param uri a local path or Hadoop URI
   * @throws StorageException if it cannot be created or reached
   */
  static SweepFolder open(String uri) {
    Path p = new Path(uri);
    if (p.toUri().getScheme() == null) {
      p = new Path("file", null, new java.io.File(uri).getAbsolutePath());
    }
    try {
      FileSystem fs = p.getFileSystem(hadoopConfiguration());
      if (fs instanceof LocalFileSystem local) {
        fs = local.getRawFileSystem();
      }
      p = fs.makeQualified(p);
      if (!fs.mkdirs(p)) {
        throw new StorageException("Cannot create sweep folder '" + p + "'");
      }
      return new SweepFolder(RunFolder.open(p.toString(), fs.getConf()), p, fs);
    } catch (IOException e) {
      throw new StorageException("Cannot open sweep folder '" + uri + "': " + e.getMessage(), e);
    }
  }

  /**
   * Hadoop's configuration with the {@code spark.hadoop.*} settings that spark-submit passed to this driver (S3A
   * credentials, HDFS client settings): the sweep folder is used before any trial's Spark context exists, so the
   * prefix is stripped here as Spark does for its own.
   */
  static Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    String prefix = "spark.hadoop.";
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
        .forEach(k -> conf.set(k.substring(prefix.length()), System.getProperty(k)));
    return conf;
  }

  /**
   * Opens an existing sweep folder, for reading.
   *
   * @throws StorageException if there is no sweep there
   */
  static SweepFolder existing(String uri) {
    SweepFolder folder = open(RunFolder.open(uri, hadoopConfiguration()).uri());
    if (!folder.root.exists("sweep.conf")) {
      throw new StorageException("'" + uri + "' is not a sweep folder (no sweep.conf)");
    }
    return folder;
  }

  String uri() {
    return path.toString();
  }

  /** The folder as a {@link RunFolder}, for writers outside this package (the sweep's report.html). */
  RunFolder runFolder() {
    return root;
  }

  /**
   * Whether creating a file if absent is atomic here: true on HDFS and on local disk (where it is done with {@code
   * O_CREAT|O_EXCL}); false on object stores such as S3A, whose create checks and then writes.
   */
  boolean atomicCreate() {
    return fs instanceof DistributedFileSystem || fs instanceof RawLocalFileSystem;
  }

  void writeText(String relative, String text) {
    root.writeText(relative, text);
  }

  Optional<String> readText(String relative) {
    return root.exists(relative) ? Optional.of(root.readText(relative)) : Optional.empty();
  }

  /**
   * The trial's state record: the newest version (highest generation, then highest version) that can be read and
   * parsed; the initial record if it has none yet.
   *
   * @throws StorageException if it has records and none is valid
   */
  TrialState readState(String trial) {
    String failure = null;
    // A version listed may be deleted by its writer's clean-up before it is read: a newer one exists then.
    for (int listing = 0; listing < 3; listing++) {
      List<String> versions = stateVersions(trial);
      if (versions.isEmpty()) {
        return TrialState.initial(trial);
      }
      for (String name : versions) {
        String relative = "trials/" + trial + "/" + name;
        try {
          return TrialState.parse(root.readText(relative));
        } catch (StorageException e) {
          failure = e.getMessage();
        } catch (RuntimeException e) {
          failure = root.fileUri(relative) + ": not a state record: " + e.getMessage();
        }
      }
    }
    throw new StorageException("no valid state record of trial " + trial + " in " + uri() + ": " + failure);
  }

  /**
   * Writes a new version of the trial's state record under its lease generation, then deletes the versions before
   * it, of its own and earlier generations only. A record is never replaced in place: on an object store, where
   * replacing is delete-then-rename, readers would otherwise find no record in between.
   *
   * @param version this generation's count of records written, from 1
   * @param fence checked before the write and each delete
   */
  void writeState(TrialState state, long version, WriteFence fence) {
    RunFolder fenced = root.fencedBy(fence);
    String dir = "trials/" + state.trial() + "/";
    String name = String.format(Locale.ROOT, "state-g%06d-v%09d", state.lease(), version);
    fenced.writeText(dir + name, state.format());
    for (String older : stateVersions(state.trial())) {
      if (older.compareTo(name) < 0) {
        fenced.deleteTree(dir + older);
      }
    }
  }

  /** The names of a trial's state records, newest first (the fixed-width names sort as generation, version). */
  private List<String> stateVersions(String trial) {
    List<String> names = new ArrayList<>();
    try {
      for (FileStatus status : fs.listStatus(new Path(path, "trials/" + trial))) {
        String name = status.getPath().getName();
        if (STATE.matcher(name).matches() || name.equals(LEGACY_STATE)) {
          names.add(name);
        }
      }
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw new StorageException("Cannot list the state records of trial " + trial + " in '" + path + "': "
          + e.getMessage(), e);
    }
    // "state" sorts before every "state-g...": the oldest, as written by lrsched before versioned records.
    names.sort(Comparator.reverseOrder());
    return names;
  }

  /** The highest lease generation of a trial, 0 if it was never claimed. */
  long latestLease(String trial) {
    long latest = 0;
    try {
      for (FileStatus status : fs.listStatus(new Path(path, "trials/" + trial))) {
        Matcher m = LEASE.matcher(status.getPath().getName());
        if (m.matches()) {
          latest = Math.max(latest, Long.parseLong(m.group(1)));
        }
      }
    } catch (FileNotFoundException e) {
      return 0;
    } catch (IOException e) {
      throw new StorageException("Cannot list the leases of trial " + trial + " in '" + path + "': "
          + e.getMessage(), e);
    }
    return latest;
  }

  /**
   * When a lease file was created, by its holder's clock (its {@code created=} line); empty if it has no such line
   * (caught between its creation and its first write, or left by a holder that died there).
   */
  Optional<Instant> leaseCreated(String trial, long generation) {
    Path lease = leasePath(trial, generation);
    try (java.io.InputStream in = fs.open(lease)) {
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return text.lines().filter(l -> l.startsWith(CREATED)).findFirst().flatMap(l -> {
        try {
          return Optional.of(Instant.parse(l.substring(CREATED.length()).strip()));
        } catch (java.time.format.DateTimeParseException e) {
          return Optional.empty();
        }
      });
    } catch (IOException e) {
      throw new StorageException("Cannot read lease " + lease + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates a lease file if no file of that name exists, atomically: of two callers, exactly one gets true.
   *
   * @param content who holds it, for people reading the folder
   * @return whether this call created it
   */
  boolean createLease(String trial, long generation, String content) {
    Path lease = leasePath(trial, generation);
    byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try {
      fs.mkdirs(lease.getParent());
      if (fs instanceof RawLocalFileSystem) {
        // Hadoop's local create(overwrite=false) checks, then opens: two processes can both pass the check.
        // CREATE_NEW is open(2) with O_CREAT|O_EXCL, which the kernel does atomically.
        try (OutputStream out = Files.newOutputStream(
            Paths.get(lease.toUri()), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          out.write(bytes);
        }
        return true;
      }
      try (FSDataOutputStream out = fs.create(lease, false)) {
        out.write(bytes);
      }
      return true;
    } catch (FileAlreadyExistsException | org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      // HDFS answers a create racing another client's create of the same file with AlreadyBeingCreatedException.
      if (exists(lease)) {
        return false;
      }
      throw new StorageException("Cannot create lease " + lease + ": " + e.getMessage(), e);
    }
  }

  private boolean exists(Path p) {
    try {
      return fs.exists(p);
    } catch (IOException e) {
      throw new StorageException("Cannot check " + p + ": " + e.getMessage(), e);
    }
  }

  private Path leasePath(String trial, long generation) {
    return new Path(path, "trials/" + trial + "/" + String.format(java.util.Locale.ROOT, "lease-%06d", generation));
  }
}
