package io.lrsched.cli;

import io.lrsched.sweep.SweepStatus;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lrsched sweep-status SWEEP_URI}: where a sweep stands, read from its folder. */
@Command(
    name = "sweep-status",
    mixinStandardHelpOptions = true,
    description = "One line per trial of a sweep folder (id, state, epochs, best val_accuracy, owner, heartbeat"
        + " age, values) and the count per state.")
final class SweepStatusCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SWEEP_URI",
      description = "The sweep folder: <output.dir>/<sweep name>, any Hadoop file system.")
  String sweepUri;

  @Override
  public Integer call() {
    SweepStatus.print(sweepUri, System.out, Clock.systemUTC());
    return 0;
  }
}
