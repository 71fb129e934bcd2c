package io.lrsched.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the project's launch scripts with bash, as a user would, with its output in a file (a pipe nobody
 * reads could block the script).
 */
final class Script {

  /** The project's root: Maven runs tests there. */
  static final Path ROOT = Path.of("").toAbsolutePath();

  /** The application jar that {@code mvn package} builds before failsafe runs. */
  static final Path JAR = ROOT.resolve("target/lrsched.jar");

  private final List<String> command = new ArrayList<>();
  private final Map<String, String> environment;

  private Script(String script, List<String> args, Map<String, String> environment) {
    command.add("bash");
    command.add(ROOT.resolve(script).toString());
    command.addAll(args);
    this.environment = environment;
  }

  static Script of(String script, List<String> args, Map<String, String> environment) {
    return new Script(script, args, environment);
  }

  /** Starts the script; its stdout and stderr go to {@code log}. */
  Process start(Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  /** Runs the script to the end and returns what it printed; fails on a timeout or a non-zero exit. */
  String run(Path log, long timeoutSeconds) throws IOException, InterruptedException {
    Process process = start(log);
    int exit = await(process, log, timeoutSeconds);
    if (exit != 0) {
      throw new AssertionError(command + " exited with " + exit + ":\n" + tail(log, 60));
    }
    return Files.readString(log);
  }

  /** Waits for the process; kills it (and fails) when it outlives the timeout. */
  static int await(Process process, Path log, long timeoutSeconds) throws IOException, InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError("still running after " + timeoutSeconds + "s:\n" + tail(log, 60));
    }
    return process.exitValue();
  }

  /** The last lines of a log, for failure messages. */
  static String tail(Path log, int lines) throws IOException {
    List<String> all = Files.readAllLines(log);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
