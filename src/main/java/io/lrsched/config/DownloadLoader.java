package io.lrsched.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the {@code download} section of {@code reference.conf} for one data set, with the command line's overrides
 * of its address and checksum (a mirror or a proxy serves the same archive under another URL). Errors are one
 * {@link ConfigError} line each, naming the key (or the option) and the value.
 */
public final class DownloadLoader {
  private static final String SECTION = "download";
  private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");

  private final Config reference;

  /** A loader with the {@code download} defaults of the {@code reference.conf} on the classpath. */
  public DownloadLoader() {
    this.reference = ConfigFactory.parseResources(DownloadLoader.class.getClassLoader(), "reference.conf")
        .resolve()
        .withOnlyPath(SECTION);
  }

  /** The data sets the reference knows how to fetch: the blocks of its {@code download} section. */
  public Set<String> dataSets() {
    Set<String> names = new TreeSet<>();
    reference.getConfig(SECTION).root().forEach((name, value) -> {
      if (value.valueType() == ConfigValueType.OBJECT) {
        names.add(name);
      }
    });
    return names;
  }

  /**
   * The settings of one data set.
   *
   * @param dataSet one of {@link #dataSets()}
   * @param url the {@code --url} given, or null for the configured one
   * @param md5 the {@code --md5} given, or null for the published one
   * @return the checked settings
   * @throws ConfigError every problem found, one line each
   */
  public DownloadSettings load(String dataSet, String url, String md5) {
    if (!dataSets().contains(dataSet)) {
      throw new ConfigError("data set '" + dataSet + "': expected one of " + String.join(", ", dataSets()));
    }
    String block = SECTION + "." + dataSet;
    Config c = reference;
    if (url != null) {
      c = c.withValue(block + ".url", ConfigValueFactory.fromAnyRef(url, "--url " + url));
    }
    if (md5 != null) {
      c = c.withValue(block + ".md5", ConfigValueFactory.fromAnyRef(md5, "--md5 " + md5));
    }
    List<String> problems = new ArrayList<>();
    Checked v = new Checked(c, problems);
    String address = v.nonEmptyString(block + ".url");
    if (!v.failed(block + ".url") && !isHttp(address)) {
      v.wrong(block + ".url", "an http:// or https:// URL");
    }
    String checksum = v.nonEmptyString(block + ".md5");
    if (!v.failed(block + ".md5") && !MD5.matcher(checksum).matches()) {
      v.wrong(block + ".md5", "an MD5 of 32 hex digits");
    }
    DownloadSettings settings = new DownloadSettings(dataSet, address, checksum.toLowerCase(Locale.ROOT),
        v.fileName(block + ".file"), v.positiveDuration(SECTION + ".connect-timeout"),
        v.positiveDuration(SECTION + ".read-timeout"));
    if (!problems.isEmpty()) {
      throw new ConfigError(problems);
    }
    return settings;
  }

  private static boolean isHttp(String address) {
    try {
      URI uri = new URI(address);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
