package io.lrsched.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium (Debian's {@code chromium} package) driven from the command line: loads a page from a file, as
 * a user opening a downloaded report would, and reports whether every image rendered and whether the page raised
 * any error, and takes a screenshot.
 *
 * <p>The checks run in a copy of the page with a small script put first in its head: it records error events
 * (script errors and resources that fail to load) and {@code console.error} calls, and after the load event writes
 * the number of images, those with no natural size, and the errors into the DOM, which {@code --dump-dom} prints.
 * Any console message Chromium logs for the page (our pages have no scripts of their own) also counts as an error.
 * The screenshot is of the page itself, unmodified.
 */
final class Chromium {

  /** What the browser saw. */
  record PageCheck(int images, List<String> broken, List<String> errors, List<String> sizes) {}

  private static final String CHECK_SCRIPT = """
      <script>
      window.__lrschedErrors = [];
      window.addEventListener('error', function (e) {
        var t = e.target;
        __lrschedErrors.push('error event: ' + (e.message || (t && (t.id || t.src || t.href)) || 'unknown'));
      }, true);
      (function () { var original = console.error; console.error = function () {
        __lrschedErrors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
        return original.apply(console, arguments); }; })();
      window.addEventListener('load', function () {
        var images = Array.prototype.slice.call(document.images);
        var broken = images.filter(function (i) { return !(i.complete && i.naturalWidth > 0 && i.naturalHeight > 0); });
        var out = document.createElement('pre');
        out.id = 'lrsched-check';
        out.textContent = 'images=' + images.length
            + '\\nbroken=' + broken.map(function (i) { return i.id || i.alt; }).join('|')
            + '\\nsizes=' + images.map(function (i) { return (i.id || i.alt) + ':' + i.naturalWidth + 'x' + i.naturalHeight; }).join('|')
            + '\\nerrors=' + __lrschedErrors.join('|') + '\\nend';
        document.body.appendChild(out);
      });
      </script>
      """;

  private final String executable;

  private Chromium(String executable) {
    this.executable = executable;
  }

  /** The browser named by {@code LRSCHED_CHROMIUM}, else {@code chromium} or {@code chromium-browser} on the PATH. */
  static Optional<Chromium> find() {
    String configured = System.getenv("LRSCHED_CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(new Chromium(configured));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(new Chromium(candidate.toString()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Loads the page and checks it, then saves a full-width screenshot of the unmodified page.
   *
   * @param page the HTML file
   * @param screenshot where the PNG goes
   * @param work a scratch folder (profiles, the instrumented copy)
   */
  PageCheck check(Path page, Path screenshot, Path work) throws IOException, InterruptedException {
    String html = Files.readString(page);
    int head = html.indexOf("<head>");
    if (head < 0) {
      throw new IllegalArgumentException(page + " has no <head>");
    }
    Path instrumented = page.resolveSibling("." + page.getFileName() + ".checked.html");
    Files.writeString(instrumented, html.substring(0, head + 6) + CHECK_SCRIPT + html.substring(head + 6));
    Result dom = run(work, List.of("--dump-dom", instrumented.toUri().toString()));
    Files.delete(instrumented);
    Matcher m = Pattern.compile("<pre id=\"lrsched-check\">(.*?)\\nend</pre>", Pattern.DOTALL).matcher(dom.stdout);
    if (!m.find()) {
      throw new AssertionError("the page's check never ran (no load event?); chromium said:\n" + dom.stderr);
    }
    String[] lines = m.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").split("\n");
    List<String> errors = new ArrayList<>(split(value(lines, "errors")));
    for (String line : dom.stderr.split("\n")) {
      if (line.contains("CONSOLE")) {
        errors.add("chromium console: " + line.strip());
      }
    }
    Files.createDirectories(screenshot.getParent());
    Result shot = run(work, List.of("--screenshot=" + screenshot.toAbsolutePath(), "--window-size=1280,2400",
        "--hide-scrollbars", page.toUri().toString()));
    if (!Files.isRegularFile(screenshot)) {
      throw new AssertionError("no screenshot written; chromium said:\n" + shot.stderr);
    }
    return new PageCheck(Integer.parseInt(value(lines, "images")), split(value(lines, "broken")), errors,
        split(value(lines, "sizes")));
  }

  private record Result(String stdout, String stderr) {}

  private Result run(Path work, List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "chromium-profile");
    Path stdout = work.resolve("chromium.out");
    Path stderr = work.resolve("chromium.err");
    List<String> command = new ArrayList<>(List.of(executable, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0",
        "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 120 s: " + command);
    }
    return new Result(Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
  }

  private static String value(String[] lines, String key) {
    for (String line : lines) {
      if (line.startsWith(key + "=")) {
        return line.substring(key.length() + 1);
      }
    }
    throw new AssertionError("no " + key + " in the page check");
  }

  private static List<String> split(String joined) {
    return joined.isEmpty() ? List.of() : List.of(joined.split("\\|"));
  }
}
