package io.lrsched.cli;

import io.lrsched.report.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** The version and commit Maven recorded at build time, e.g. {@code lrsched 0.1.0-SNAPSHOT (commit 64be11fa2435)}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"lrsched " + BuildInfo.current()};
  }
}
