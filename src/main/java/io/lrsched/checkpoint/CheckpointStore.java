package io.lrsched.checkpoint;

import io.lrsched.storage.RunFolder;
import io.lrsched.storage.StorageException;
import io.lrsched.storage.WriteFence;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's checkpoints under {@code checkpoints/} in its run folder: one sub-folder per checkpoint ({@code
 * epoch-0003/}: model.zip, state.properties, metrics.csv, lr-applied.csv) and {@value #MANIFEST}, written last,
 * which lists the kept checkpoints newest first with the size and SHA-256 of every file.
 *
 * <p>Every file is written atomically by {@link RunFolder} (temporary name, then rename), and a checkpoint exists only
 * once the manifest names it: a crash while writing leaves the previous manifest, naming complete checkpoints only.
 * Reading checks every file against the manifest, so a checkpoint damaged afterwards (truncated, overwritten) is
 * skipped with a warning naming the file, and the next older one is used.
 *
 * <p>A folder written under a {@link WriteFence} of generation g &gt; 0 (a sweep trial's lease) stamps the generation
 * into every name: checkpoint folders {@code epoch-0003-g000002/} and one new manifest per checkpoint, {@code
 * manifest-g000002-e0003.txt}, never replaced in place. Readers take the newest manifest (highest generation, then
 * most epochs) that names an intact checkpoint. So a writer of an older generation that wakes after a takeover can at
 * worst add a folder or manifest nobody reads; it never overwrites a newer generation's files, and deletes none of
 * them; and on an object store, where replacing a file leaves a moment without it, no manifest is ever replaced.
 */
public final class CheckpointStore {

  /** The manifest's name, relative to the run folder. */
  public static final String MANIFEST = "checkpoints/manifest.txt";

  private static final String DIR = "checkpoints/";
  private static final Pattern STAMPED_MANIFEST = Pattern.compile("manifest-g(\\d+)-e(\\d+)\\.txt");
  private static final Pattern STAMPED_CHECKPOINT = Pattern.compile("epoch-\\d+-g(\\d+)");
  private static final List<String> FILES =
      List.of(Checkpoint.MODEL, Checkpoint.STATE, Checkpoint.METRICS, Checkpoint.LR_APPLIED);

  private final RunFolder folder;
  private final int keep;

  /**
   * @param folder the run folder
   * @param keep checkpoints to keep, {@code >= 1}
   */
  public CheckpointStore(RunFolder folder, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep at least one checkpoint; got " + keep);
    }
    this.folder = folder;
    this.keep = keep;
  }

  /**
   * A checkpoint as written.
   *
   * @param uri the checkpoint's folder
   * @param epochs epochs it holds
   * @param bytes total size of its files
   * @param at when its manifest was written
   */
  public record Written(String uri, int epochs, long bytes, Instant at) {}

  /**
   * Writes a checkpoint, then the manifest naming it and the newest older ones up to the number kept, then deletes
   * the checkpoints no longer named (and any newer ones left by a run that was resumed from an older checkpoint).
   *
   * @throws StorageException if a file cannot be written; the previous manifest and its checkpoints stay intact
   */
  public Written write(Checkpoint checkpoint) {
    long generation = folder.fence().generation();
    String name = name(checkpoint.epochs(), generation);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(Checkpoint.MODEL, checkpoint.model());
    files.put(Checkpoint.STATE, checkpoint.stateText().getBytes(StandardCharsets.UTF_8));
    files.put(Checkpoint.METRICS, checkpoint.metricsCsv().getBytes(StandardCharsets.UTF_8));
    files.put(Checkpoint.LR_APPLIED, checkpoint.lrAppliedCsv().getBytes(StandardCharsets.UTF_8));
    List<FileEntry> entries = new ArrayList<>();
    long bytes = 0;
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String path = name + "/" + file.getKey();
      folder.writeBytes(DIR + path, file.getValue());
      entries.add(new FileEntry(path, file.getValue().length, sha256(file.getValue())));
      bytes += file.getValue().length;
    }
    Instant at = Instant.now();
    List<Entry> kept = new ArrayList<>();
    kept.add(new Entry(name, checkpoint.epochs(), at.toString(), entries));
    List<Entry> dropped = new ArrayList<>();
    List<Manifest> manifests = manifests();
    for (Entry old : manifests.isEmpty() ? List.<Entry>of() : readManifest(manifests.get(0).path())) {
      if (old.name().equals(name)) {
        continue; // overwritten just now
      }
      if (old.epochs() < checkpoint.epochs() && kept.size() < keep) {
        kept.add(old);
      } else {
        dropped.add(old);
      }
    }
    Manifest written = Manifest.of(generation, checkpoint.epochs());
    folder.writeText(written.path(), render(kept));
    // Never a later generation's files: a writer that lost its lease between its fence check and here still
    // removes only what its own or an earlier generation wrote.
    for (Entry old : dropped) {
      if (generationOf(old.name()) <= generation) {
        folder.deleteTree(DIR + old.name());
      }
    }
    for (Manifest old : manifests) {
      if (!old.path().equals(written.path()) && old.generation() <= generation) {
        folder.deleteTree(old.path());
      }
    }
    return new Written(folder.fileUri(DIR + name), checkpoint.epochs(), bytes, at);
  }

  /**
   * The newest checkpoint whose files all match the manifest.
   *
   * @param warnings told, one line each, about every newer checkpoint skipped and the file at fault
   * @return empty if no checkpoint was ever written (no manifest)
   * @throws StorageException if the manifest cannot be read, or names no intact checkpoint
   */
  public Optional<Checkpoint> newest(Consumer<String> warnings) {
    List<Manifest> manifests = manifests();
    if (manifests.isEmpty()) {
      return Optional.empty();
    }
    List<Entry> entries = new ArrayList<>();
    for (Manifest manifest : manifests) {
      entries.addAll(readManifest(manifest.path()));
    }
    List<String> problems = new ArrayList<>();
    for (Entry entry : entries) {
      Optional<String> problem = damage(entry);
      if (problem.isEmpty()) {
        try {
          return Optional.of(read(entry));
        } catch (IllegalArgumentException e) {
          problem = Optional.of(folder.fileUri(DIR + entry.name() + "/" + Checkpoint.STATE) + ": " + e.getMessage());
        }
      }
      problems.add(problem.get());
      warnings.accept("checkpoint after epoch " + entry.epochs() + " is damaged, skipped: " + problem.get());
    }
    throw new StorageException("no intact checkpoint in " + folder.uri() + " (" + entries.size()
        + " listed in " + manifests.get(0).path() + (manifests.size() > 1 ? " and older manifests" : "") + ")"
        + (problems.isEmpty() ? "" : ": " + problems.get(0)));
  }

  private Optional<String> damage(Entry entry) {
    for (FileEntry file : entry.files()) {
      String uri = folder.fileUri(DIR + file.path());
      byte[] bytes;
      try {
        bytes = folder.readBytes(DIR + file.path());
      } catch (StorageException e) {
        return Optional.of(uri + " cannot be read (" + e.getMessage() + ")");
      }
      if (bytes.length != file.size()) {
        return Optional.of(uri + " has " + bytes.length + " bytes, the manifest says " + file.size());
      }
      if (!sha256(bytes).equals(file.sha256())) {
        return Optional.of(uri + " does not match its SHA-256 in the manifest");
      }
    }
    return Optional.empty();
  }

  private Checkpoint read(Entry entry) {
    String base = DIR + entry.name() + "/";
    return Checkpoint.parse(
        folder.readText(base + Checkpoint.STATE),
        folder.readText(base + Checkpoint.METRICS),
        folder.readText(base + Checkpoint.LR_APPLIED),
        folder.readBytes(base + Checkpoint.MODEL));
  }

  static String name(int epochs) {
    return name(epochs, 0);
  }

  private static String name(int epochs, long generation) {
    String name = String.format(Locale.ROOT, "epoch-%04d", epochs);
    return generation == 0 ? name : name + String.format(Locale.ROOT, "-g%06d", generation);
  }

  private static long generationOf(String checkpointName) {
    Matcher m = STAMPED_CHECKPOINT.matcher(checkpointName);
    return m.matches() ? Long.parseLong(m.group(1)) : 0;
  }

  /** A manifest file: {@value #MANIFEST} for generation 0, one per checkpoint for later ones. */
  private record Manifest(String path, long generation, int epochs) {
    static Manifest of(long generation, int epochs) {
      return new Manifest(generation == 0 ? MANIFEST
          : DIR + String.format(Locale.ROOT, "manifest-g%06d-e%04d.txt", generation, epochs), generation, epochs);
    }
  }

  /** The manifests in the folder, newest first: highest generation, then most epochs. */
  private List<Manifest> manifests() {
    if (!folder.exists(DIR.substring(0, DIR.length() - 1))) {
      return List.of();
    }
    List<Manifest> found = new ArrayList<>();
    for (String file : folder.list()) {
      if (file.equals(MANIFEST)) {
        found.add(new Manifest(file, 0, Integer.MAX_VALUE));
      } else if (file.startsWith(DIR)) {
        Matcher m = STAMPED_MANIFEST.matcher(file.substring(DIR.length()));
        if (m.matches()) {
          found.add(new Manifest(file, Long.parseLong(m.group(1)), Integer.parseInt(m.group(2))));
        }
      }
    }
    found.sort(Comparator.comparingLong(Manifest::generation).thenComparingInt(Manifest::epochs).reversed());
    return found;
  }

  private record FileEntry(String path, long size, String sha256) {}

  private record Entry(String name, int epochs, String writtenAt, List<FileEntry> files) {}

  private static String render(List<Entry> entries) {
    StringBuilder out = new StringBuilder(
        "# lrsched checkpoints, newest first: a checkpoint counts only if listed here and every file has the size\n"
            + "# and SHA-256 given. Lines: checkpoint NAME EPOCHS WRITTEN-AT, then file PATH BYTES SHA256.\n");
    for (Entry e : entries) {
      out.append("checkpoint ").append(e.name()).append(' ').append(e.epochs()).append(' ').append(e.writtenAt())
          .append('\n');
      for (FileEntry f : e.files()) {
        out.append("file ").append(f.path()).append(' ').append(f.size()).append(' ').append(f.sha256())
            .append('\n');
      }
    }
    return out.toString();
  }

  private List<Entry> readManifest(String manifest) {
    String text = folder.readText(manifest);
    List<Entry> entries = new ArrayList<>();
    String name = null;
    int epochs = 0;
    String at = null;
    List<FileEntry> files = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(" ");
      try {
        if (f[0].equals("checkpoint") && f.length == 4) {
          if (name != null) {
            entries.add(new Entry(name, epochs, at, List.copyOf(files)));
          }
          name = f[1];
          epochs = Integer.parseInt(f[2]);
          at = f[3];
          files = new ArrayList<>();
        } else if (f[0].equals("file") && f.length == 4 && name != null) {
          files.add(new FileEntry(f[1], Long.parseLong(f[2]), f[3]));
        } else {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new StorageException(folder.fileUri(manifest) + " line " + (n + 1) + " is malformed: '" + line + "'");
      }
    }
    if (name != null) {
      entries.add(new Entry(name, epochs, at, List.copyOf(files)));
    }
    for (Entry e : entries) {
      if (e.files().size() != FILES.size()) {
        throw new StorageException(folder.fileUri(manifest) + ": checkpoint " + e.name() + " lists "
            + e.files().size() + " files, expected " + FILES);
      }
    }
    return entries;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
