package io.lrsched.cli;

import io.lrsched.results.SweepReportPage;
import io.lrsched.storage.RunFolder;
import io.lrsched.train.RunFailure;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lrsched sweep-report SWEEP_DIR}: (re)writes a sweep folder's report.html from its files. */
@Command(
    name = "sweep-report",
    mixinStandardHelpOptions = true,
    description = "Write report.html into a sweep folder (any Hadoop FileSystem URI) from its leaderboard.csv,"
        + " statistics.csv, trials.csv, trial states and the trials' run folders.")
final class SweepReportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SWEEP_DIR", description = "The sweep's folder.")
  String dir;

  @Override
  public Integer call() {
    try {
      RunFolder sweep = RunFolder.open(dir);
      SweepReportPage.write(sweep);
      System.out.println("[INFO] sweep report: " + sweep.fileUri(SweepReportPage.FILE));
      return 0;
    } catch (IllegalArgumentException e) {
      throw new RunFailure(e.getMessage(), e);
    }
  }
}
