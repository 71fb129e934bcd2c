package io.lrsched.download;

import io.lrsched.config.DownloadSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches one archive into a folder as {@code <file>}, by way of {@code <file>.part}: the bytes arrive in the partial
 * file, a later attempt asks the server for the rest with an HTTP {@code Range} request, and only when the whole file
 * has the published MD5 is it renamed to its name. A checksum mismatch deletes the partial file (its bytes are
 * wrong, resuming would keep them); a lost connection keeps it, for the next attempt to resume.
 *
 * <p>The connection is the JDK's {@link HttpURLConnection}, so the JVM's standard proxy settings
 * ({@code https.proxyHost}, {@code http.nonProxyHosts}, {@code java.net.useSystemProxies}) apply, and its read timeout
 * bounds a stalled transfer (which {@code java.net.http.HttpClient} cannot do once the headers have arrived).
 */
public final class ArchiveDownload {
  /** Suffix of the partial file next to the archive. */
  public static final String PART_SUFFIX = ".part";

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final int BUFFER = 1 << 16;

  /** What the download reports while bytes arrive. */
  public interface Progress {
    /**
     * The transfer starts.
     *
     * @param have bytes already in the partial file (a resume), 0 for a fresh start
     * @param total the archive's size in bytes, or -1 when the server does not say
     */
    void start(long have, long total);

    /** {@code have} bytes of the archive are in the partial file. */
    void advanced(long have);

    /** The transfer ended, whole or not. */
    void end();
  }

  /** What a call did. */
  public enum Outcome {
    /** The archive was fetched (or its partial file completed) and verified. */
    DOWNLOADED,
    /** The archive was already in the folder with the right checksum; nothing was fetched. */
    ALREADY_PRESENT
  }

  private final DownloadSettings settings;

  /** @param settings where the archive is and what its MD5 is */
  public ArchiveDownload(DownloadSettings settings) {
    this.settings = settings;
  }

  /** The archive's final path in {@code folder}. */
  public Path target(Path folder) {
    return folder.resolve(settings.file());
  }

  /**
   * Makes {@code folder/<file>} the verified archive, fetching what is missing.
   *
   * @param folder the destination folder, created when missing
   * @param progress told about the transfer
   * @return whether anything was fetched
   * @throws DownloadFailure an HTTP error, a network error, a checksum mismatch, or a file that cannot be written
   */
  public Outcome fetch(Path folder, Progress progress) {
    Path target = target(folder);
    if (Files.isRegularFile(target)) {
      String md5 = md5(target);
      if (md5.equals(settings.md5())) {
        return Outcome.ALREADY_PRESENT;
      }
      throw new DownloadFailure(target + " exists but its MD5 is " + md5 + ", not the published " + settings.md5()
          + "; delete it to download again");
    }
    Path part = folder.resolve(settings.file() + PART_SUFFIX);
    boolean createdFolder = !Files.isDirectory(folder);
    try {
      transfer(folder, part, progress);
      String md5 = md5(part);
      if (!md5.equals(settings.md5())) {
        deleteQuietly(part);
        throw new DownloadFailure(settings.url() + ": the download's MD5 is " + md5 + ", the published one "
            + settings.md5() + " (a corrupted transfer or another file); nothing was kept, run again to retry");
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      return Outcome.DOWNLOADED;
    } catch (IOException e) {
      throw new DownloadFailure("cannot write " + part + ": " + e.getMessage(), e);
    } finally {
      if (createdFolder) {
        deleteIfEmpty(folder);
      }
    }
  }

  /** Brings the partial file to the server's full length; throws when the server or the network fails. */
  private void transfer(Path folder, Path part, Progress progress) throws IOException {
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    HttpURLConnection connection = open(have);
    try {
      int status = status(connection);
      boolean append;
      long total;
      if (status == HttpURLConnection.HTTP_PARTIAL && have > 0) {
        Matcher range = CONTENT_RANGE.matcher(String.valueOf(connection.getHeaderField("Content-Range")));
        if (!range.matches() || Long.parseLong(range.group(1)) != have) {
          throw new DownloadFailure(settings.url() + ": asked for the bytes from " + have + " on, the server sent "
              + connection.getHeaderField("Content-Range") + "; delete " + part + " to start again");
        }
        append = true;
        total = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
      } else if (status == HttpURLConnection.HTTP_OK) {
        append = false; // a server that ignores Range sends the whole file: start over
        have = 0;
        total = connection.getContentLengthLong();
      } else if (status == 416 && have > 0) {
        return; // nothing left to send: the partial file is as long as the archive, the checksum decides
      } else {
        throw new DownloadFailure(settings.url() + ": HTTP " + status + " " + reason(connection));
      }
      Files.createDirectories(folder);
      copy(connection, part, append, have, total, progress);
    } finally {
      connection.disconnect();
    }
  }

  private HttpURLConnection open(long have) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(settings.url()).toURL().openConnection();
      connection.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
      connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, settings.readTimeout().toMillis()));
      connection.setInstanceFollowRedirects(true);
      // The archive is already compressed; a transparently re-encoded body would break the ranges and the length.
      connection.setRequestProperty("Accept-Encoding", "identity");
      if (have > 0) {
        connection.setRequestProperty("Range", "bytes=" + have + "-");
      }
      return connection;
    } catch (IOException | IllegalArgumentException e) {
      throw new DownloadFailure(settings.url() + ": cannot connect (" + e + ")", e);
    }
  }

  private int status(HttpURLConnection connection) {
    try {
      return connection.getResponseCode();
    } catch (IOException e) {
      throw new DownloadFailure(settings.url() + ": cannot connect (" + e + ")", e);
    }
  }

  private static String reason(HttpURLConnection connection) {
    try {
      String message = connection.getResponseMessage();
      return message == null ? "" : message;
    } catch (IOException e) {
      return "";
    }
  }

  /** Appends the body to the partial file; a short body or a broken connection keeps what arrived. */
  private void copy(HttpURLConnection connection, Path part, boolean append, long have, long total,
      Progress progress) throws IOException {
    StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    long done = have;
    progress.start(have, total);
    try (InputStream in = connection.getInputStream();
        OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        done += n;
        progress.advanced(done);
      }
    } catch (IOException e) {
      throw interrupted(part, done, total, e.toString(), e);
    } finally {
      progress.end();
    }
    if (total >= 0 && done < total) {
      throw interrupted(part, done, total, "the connection closed early", null);
    }
  }

  private DownloadFailure interrupted(Path part, long done, long total, String why, Throwable cause) {
    if (done == 0) {
      deleteQuietly(part);
      return new DownloadFailure(settings.url() + ": download failed (" + why + ")", cause);
    }
    return new DownloadFailure(String.format(Locale.ROOT,
        "%s: download interrupted after %s of %s (%s); %s is kept: run the same command again to resume",
        settings.url(), megabytes(done), total < 0 ? "?" : megabytes(total), why, part), cause);
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /** The file's MD5 as 32 lower-case hex digits. */
  static String md5(Path file) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has MD5", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new DownloadFailure("cannot read " + file + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the failure being reported matters more; a leftover partial file is found and replaced next time
    }
  }

  private static void deleteIfEmpty(Path folder) {
    try {
      Files.delete(folder);
    } catch (NoSuchFileException e) {
      // never created: the failure came first
    } catch (IOException e) {
      // not empty (a kept partial file or the archive): it stays
    }
  }
}
