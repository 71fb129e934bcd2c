package io.lrsched.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by Maven), or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"lrsched " + (version == null ? "development" : version)};
  }
}
