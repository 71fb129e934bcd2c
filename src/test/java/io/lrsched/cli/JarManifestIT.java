package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.report.BuildInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The application jar (built before the integration tests) names its version and commit: the version in pom.xml,
 * the commit git reports for this checkout ("unknown" in a source tree without git).
 */
class JarManifestIT {

  @Test
  void shouldCarryThePomVersionAndTheGitCommit() throws Exception {
    Path jar = Path.of("target", "lrsched.jar");
    assertTrue(Files.isRegularFile(jar), "mvn verify builds " + jar + " before the integration tests");
    Attributes manifest;
    try (JarFile file = new JarFile(jar.toFile())) {
      manifest = file.getManifest().getMainAttributes();
    }
    Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new java.io.File("pom.xml"))
        .getDocumentElement();
    String pomVersion = ((Element) project.getElementsByTagName("version").item(0)).getTextContent().strip();
    assertEquals(pomVersion, manifest.getValue("Implementation-Version"));
    assertEquals("io.lrsched.cli.Main", manifest.getValue("Main-Class"));
    assertEquals(gitCommit(), manifest.getValue("Git-Commit"));
    // The same from target/classes (submit/local.sh runs), which must not keep an earlier build's commit.
    assertEquals(new BuildInfo(pomVersion, gitCommit()), BuildInfo.current());
  }

  /** What git says about this checkout, 12 hex digits, or "unknown" where git or the checkout is missing. */
  private static String gitCommit() throws InterruptedException {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(false).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }
}
