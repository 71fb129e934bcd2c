package io.lrsched.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --parallel P}: P - 1 more invocations of the same command, each a process of its own and so its own Spark
 * application with its own executors. They coordinate through the trials' leases exactly as invocations started by
 * a scheduler do; nothing else is shared.
 */
public final class TrialProcesses {
  /** A sweep invocation's exit code when trials remain (EX_TEMPFAIL of sysexits.h: try again later). */
  public static final int EXIT_WORK_REMAINS = 75;

  private TrialProcesses() {}

  /**
   * Starts copies of this JVM's command line with {@code --parallel 1} and the given {@code --max-trials}.
   *
   * @param maxTrials per copy, its share of the trial budget (0 = no limit)
   * @param console where to say what was started
   * @return the processes, whose output goes to this process' own
   * @throws IllegalStateException if this JVM's command line cannot be read
   */
  public static List<Process> start(List<Integer> maxTrials, PrintStream console) {
    List<String> self = commandLine();
    if (self.isEmpty()) {
      throw new IllegalStateException("--parallel needs this process' command line, which the OS does not show");
    }
    List<Process> processes = new ArrayList<>();
    for (int share : maxTrials) {
      List<String> line = new ArrayList<>();
      line.add(self.get(0));
      line.addAll(copyArguments(self.subList(1, self.size()), share));
      try {
        processes.add(new ProcessBuilder(line).inheritIO().start());
      } catch (IOException e) {
        processes.forEach(Process::destroy);
        throw new IllegalStateException("cannot start a parallel sweep process: " + e.getMessage(), e);
      }
    }
    console.printf("[INFO] --parallel: started %d more sweep process(es): %s%n", processes.size(),
        processes.stream().map(p -> Long.toString(p.pid())).toList());
    return processes;
  }

  /**
   * This process' command line: on Linux from {@code /proc/self/cmdline}, complete however long the class path (the
   * JDK's {@link ProcessHandle.Info#arguments()} comes back empty for long ones); elsewhere from the JDK.
   */
  static List<String> commandLine() {
    Path proc = Path.of("/proc/self/cmdline");
    if (Files.isReadable(proc)) {
      try {
        String text = new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
        return List.of(text.split("\0"));
      } catch (IOException e) {
        // Fall through to the JDK's view.
      }
    }
    ProcessHandle.Info info = ProcessHandle.current().info();
    List<String> line = new ArrayList<>();
    info.command().ifPresent(line::add);
    info.arguments().ifPresent(a -> line.addAll(List.of(a)));
    return info.arguments().isPresent() ? line : List.of();
  }

  /** The arguments with {@code --parallel} set to 1 and {@code --max-trials} to the share. */
  static List<String> copyArguments(List<String> arguments, int maxTrials) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      String a = arguments.get(i);
      if (a.equals("--parallel") || a.equals("--max-trials")) {
        i++;
      } else if (!a.startsWith("--parallel=") && !a.startsWith("--max-trials=")) {
        out.add(a);
      }
    }
    out.add("--parallel=1");
    out.add("--max-trials=" + maxTrials);
    return out;
  }

  /**
   * Waits for every process to end.
   *
   * @return a line naming the first process that ended abnormally (an exit code other than 0, or 75 for work left
   *     to others) and its exit code; empty if none did
   */
  public static java.util.Optional<String> await(List<Process> processes) {
    String abnormal = null;
    for (Process p : processes) {
      try {
        int code = p.waitFor();
        if (code != 0 && code != EXIT_WORK_REMAINS && abnormal == null) {
          abnormal = "parallel sweep process " + p.pid() + " exited with code " + code
              + (code > 128 ? " (killed by signal " + (code - 128) + ")" : "") + ": see its output above";
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return java.util.Optional.of("interrupted while waiting for the parallel sweep processes");
      }
    }
    return java.util.Optional.ofNullable(abnormal);
  }
}
