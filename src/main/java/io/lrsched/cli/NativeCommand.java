package io.lrsched.cli;

/**
 * A command whose work runs ND4J in this JVM. {@link Main} calls {@link #prepare()}, then installs the native
 * configuration ({@code NativeSetup.configure()}) once, then runs the command: the one place on the driver that
 * decides the native build before anything loads ND4J. Executors install it at start (see
 * {@code io.lrsched.train.NativePlugin}).
 */
interface NativeCommand {

  /** Loads and checks the command's settings, so that a bad configuration fails before native libraries load. */
  void prepare();
}
