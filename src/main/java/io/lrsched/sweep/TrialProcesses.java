package io.lrsched.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --parallel P}: P - 1 more invocations of the same command, each a process of its own and so its own Spark
 * application with its own executors. They coordinate through the trials' leases exactly as invocations started by
 * a scheduler do; nothing else is shared.
 */
public final class TrialProcesses {
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
    ProcessHandle.Info info = ProcessHandle.current().info();
    Optional<String> command = info.command();
    Optional<String[]> arguments = info.arguments();
    if (command.isEmpty() || arguments.isEmpty()) {
      throw new IllegalStateException("--parallel needs this process' command line, which the OS does not show");
    }
    List<Process> processes = new ArrayList<>();
    for (int share : maxTrials) {
      List<String> line = new ArrayList<>();
      line.add(command.get());
      line.addAll(copyArguments(List.of(arguments.get()), share));
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

  /** Waits for every process to end. */
  public static void await(List<Process> processes) {
    for (Process p : processes) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
