package io.lrsched.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code io.lrsched.cli.Main} in its own JVM exactly as {@code submit/local.sh} starts it (its Java options, its
 * log configuration, embedded Spark), with stdout and stderr kept apart, so a test sees what a user's console shows.
 * The build is not triggered here: Maven has compiled the classes and written the classpath before tests run.
 */
final class LocalRun {
  private static final Path ROOT = Path.of("").toAbsolutePath();

  /** What the process printed and returned. */
  record Result(int exit, String stdout, String stderr, String log) {}

  private LocalRun() {}

  static Result run(Path work, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    for (String line : Files.readAllLines(ROOT.resolve("submit/java17-options"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        command.add(line.strip());
      }
    }
    Path log = work.resolve("lrsched.log");
    command.add("-Dlog4j.configurationFile=" + ROOT.resolve("conf/log4j2-local.properties"));
    command.add("-Dlrsched.log=" + log);
    command.add("-Dspark.master=local[2]");
    command.add("-cp");
    command.add(ROOT.resolve("target/classes") + ":"
        + Files.readString(ROOT.resolve("target/local-classpath.txt")).strip());
    command.add("io.lrsched.cli.Main");
    command.addAll(args);
    Path out = work.resolve("stdout.txt");
    Path err = work.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("lrsched " + args + " still running after 300 s:\n" + Files.readString(out));
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err),
        Files.exists(log) ? Files.readString(log) : "");
  }
}
