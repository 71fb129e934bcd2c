package io.lrsched.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real {@code lrsched sweep} process (its own JVM, its own embedded Spark), for tests of concurrent invocations. */
final class SweepProcess {
  private final Process process;
  private final Path log;

  private SweepProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** A tiny experiment: synthetic images, the smallest ResNet, seconds per epoch. */
  static String tinyBase(String outputDir, int epochs) {
    return """
        experiment.name = tiny
        data { source = synthetic, synthetic { train-size = 64, test-size = 32 } }
        model { stages = [1, 1, 1], filters = [8, 8, 16, 32] }
        training { epochs = %d, batch-size = 16, workers = 1 }
        output.dir = "%s"
        """.formatted(epochs, outputDir);
  }

  /** Starts {@code lrsched sweep args...} on Spark local[1]; stdout and stderr go to the log. */
  static SweepProcess start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    for (String line : Files.readAllLines(Path.of("submit/java17-options"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        command.add(line.strip());
      }
    }
    command.add("-Dspark.master=local[1]");
    command.add("-Dlog4j.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.lrsched.cli.Main");
    command.add("sweep");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    return new SweepProcess(builder.start(), log);
  }

  /** Waits for the exit code; fails with the log's tail after the timeout. */
  int await(long seconds) throws IOException, InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("sweep process did not end in " + seconds + " s:\n" + output());
    }
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook, no finally block runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** A trial's state record, as sweeps read it, from its folder {@code <sweep>/trials/<id>}. */
  static TrialState state(Path trial) {
    return SweepFolder.open(trial.getParent().getParent().toString()).readState(trial.getFileName().toString());
  }

  /** SIGSTOP: the JVM is frozen as a long GC pause or a suspended VM would freeze it, alive and holding its lease. */
  void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT: the frozen JVM carries on where it was. */
  void wake() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
    }
  }

  String output() throws IOException {
    return Files.readString(log);
  }
}
