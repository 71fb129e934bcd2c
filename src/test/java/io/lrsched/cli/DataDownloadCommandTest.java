package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data download} end to end through the entry point, against the JDK's own HTTP server on loopback serving a
 * generated archive: the real CIFAR-10 address cannot be reached from the build machine.
 */
class DataDownloadCommandTest {
  private static final String FILE = "cifar-10-binary.tar.gz";
  private static final int SIZE = 200_000;
  private static final int CUT = 80_000;
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  @TempDir Path work;

  private final byte[] archive = new byte[SIZE];
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  private volatile byte[] served;
  private volatile int cutOnce = -1;
  private HttpServer server;
  private String url;
  private String md5;

  @BeforeEach
  void serve() throws Exception {
    new Random(7).nextBytes(archive);
    served = archive;
    md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(archive));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/kriz/" + FILE, this::handle);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/kriz/" + FILE;
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Serves {@link #served}, honouring {@code Range: bytes=N-}; with {@link #cutOnce} set, breaks off once there. */
  private void handle(HttpExchange exchange) throws IOException {
    String range = exchange.getRequestHeaders().getFirst("Range");
    ranges.add(String.valueOf(range));
    byte[] body = served;
    int from = 0;
    Matcher m = range == null ? null : RANGE.matcher(range);
    if (m != null && m.matches()) {
      from = Integer.parseInt(m.group(1));
      exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/"
          + body.length);
      exchange.sendResponseHeaders(206, body.length - from);
    } else {
      exchange.sendResponseHeaders(200, body.length);
    }
    OutputStream out = exchange.getResponseBody();
    int cut = cutOnce;
    if (cut > from) {
      cutOnce = -1;
      out.write(body, from, cut - from);
      out.flush();
      // An exception out of the handler makes the JDK's server drop the connection: the client sees it end early.
      throw new IOException("connection cut by the test");
    }
    out.write(body, from, body.length - from);
    out.close();
  }

  private record Result(int exit, String out, String err) {}

  private Result download(Path dest, String address) {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.run("data", "download", "cifar10", dest.toString(), "--url", address, "--md5", md5);
      return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  private static List<String> files(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (Stream<Path> all = Files.list(folder)) {
      return all.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void assertOneErrorLine(Result r, String... parts) {
    // The test log's console appender may write to stderr too; the user's console is lrsched's own lines.
    List<String> lines = r.err().lines().filter(line -> line.startsWith("lrsched: ")).toList();
    assertEquals(1, lines.size(), "one line on stderr: " + r.err());
    assertTrue(lines.get(0).startsWith("lrsched: error: "), lines.get(0));
    for (String part : parts) {
      assertTrue(lines.get(0).contains(part), lines.get(0) + " names " + part);
    }
  }

  @Test
  void shouldFetchTheArchiveVerifyItAndKeepItUnderItsName() throws IOException {
    Path dest = work.resolve("data");
    Result r = download(dest, url);
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of(FILE), files(dest));
    assertArrayEquals(archive, Files.readAllBytes(dest.resolve(FILE)));
    assertTrue(r.out().contains("MD5 " + md5 + " verified"), r.out());
    assertTrue(r.out().contains("LRSCHED_CIFAR10=" + dest.resolve(FILE).toAbsolutePath()), r.out());
    assertEquals(List.of("null"), ranges);

    // A second call finds the verified archive and fetches nothing.
    Result again = download(dest, url);
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("already there"), again.out());
    assertEquals(1, ranges.size(), "no second request");
  }

  @Test
  void shouldRejectACorruptedByteAndLeaveNothing() throws IOException {
    byte[] corrupted = archive.clone();
    corrupted[SIZE / 2] ^= 0x01;
    served = corrupted;
    Path dest = work.resolve("data");
    Result r = download(dest, url);
    assertEquals(1, r.exit());
    assertOneErrorLine(r, url, "MD5", md5);
    assertFalse(Files.exists(dest), "no folder, no partial file: " + files(dest));
  }

  @Test
  void shouldResumeACutDownloadFromWhereItStopped() throws IOException {
    cutOnce = CUT;
    Path dest = work.resolve("data");
    Result cut = download(dest, url);
    assertEquals(1, cut.exit());
    assertOneErrorLine(cut, url, "interrupted", "resume");
    assertEquals(List.of(FILE + ".part"), files(dest), "only the partial file");
    assertEquals(CUT, Files.size(dest.resolve(FILE + ".part")));

    Result resumed = download(dest, url);
    assertEquals(0, resumed.exit(), resumed.err());
    assertEquals(List.of("null", "bytes=" + CUT + "-"), ranges, "the second request asks for the rest only");
    assertEquals(List.of(FILE), files(dest));
    assertArrayEquals(archive, Files.readAllBytes(dest.resolve(FILE)));
  }

  @Test
  void shouldReportA404InOneLineAndLeaveNothing() throws IOException {
    Path dest = work.resolve("data");
    Result r = download(dest, url.replace(FILE, "missing.tar.gz"));
    assertEquals(1, r.exit());
    assertOneErrorLine(r, "missing.tar.gz", "HTTP 404");
    assertFalse(Files.exists(dest), "nothing created: " + files(dest));
  }
  @Test
  void shouldRejectAUrlThatIsNotHttpAndAnMd5ThatIsNotOneBeforeConnecting() throws IOException {
    md5 = "c32a1d4ab5d03f1284b67883e8d8753"; // 31 digits
    Path dest = work.resolve("data");
    Result r = download(dest, "ftp://mirror.example/cifar-10-binary.tar.gz");
    assertEquals(Main.EXIT_CONFIG, r.exit());
    List<String> lines = r.err().lines().filter(line -> line.startsWith("lrsched: ")).toList();
    assertEquals(2, lines.size(), r.err());
    assertTrue(lines.get(0).contains("download.cifar10.url = \"ftp://mirror.example/cifar-10-binary.tar.gz\""),
        lines.get(0));
    assertTrue(lines.get(1).contains("download.cifar10.md5") && lines.get(1).contains("32 hex digits"),
        lines.get(1));
    assertTrue(ranges.isEmpty(), "no request");
    assertFalse(Files.exists(dest));
  }
}
