package io.lrsched.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The program's version and the git commit it was built from, as Maven wrote them into {@code
 * lrsched-build.properties} (resource filtering, see pom.xml). The same values are in the jar's manifest
 * ({@code Implementation-Version}, {@code Git-Commit}); the properties file also serves runs from {@code
 * target/classes}, which have no manifest.
 *
 * @param version the Maven project version, e.g. {@code 0.1.0-SNAPSHOT}; "development" without a Maven build
 * @param commit the abbreviated commit id; "unknown" when the build had no git checkout
 */
public record BuildInfo(String version, String commit) {

  static final String RESOURCE = "lrsched-build.properties";

  /** The build this code comes from. */
  public static BuildInfo current() {
    Properties props = new Properties();
    try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the classpath", e);
    }
    return new BuildInfo(known(props.getProperty("version"), "development"),
        known(props.getProperty("commit"), "unknown"));
  }

  /** {@code 0.1.0-SNAPSHOT (commit 64be11fa2435)}. */
  @Override
  public String toString() {
    return version + " (commit " + commit + ")";
  }

  /** A value Maven did not fill in (an IDE copying the resource unfiltered) is unknown, not "${...}". */
  private static String known(String value, String fallback) {
    return value == null || value.isBlank() || value.startsWith("${") ? fallback : value;
  }
}
