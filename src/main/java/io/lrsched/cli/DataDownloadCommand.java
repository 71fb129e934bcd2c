package io.lrsched.cli;

import io.lrsched.config.DownloadLoader;
import io.lrsched.config.DownloadSettings;
import io.lrsched.download.ArchiveDownload;
import io.lrsched.download.DownloadFailure;
import io.lrsched.report.DownloadProgressBar;
import io.lrsched.report.ProgressBar;
import io.lrsched.train.RunFailure;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lrsched data download DATA_SET DEST}: fetches a published data set archive into a local folder, verified
 * against its published MD5, and prints the settings that train on it.
 */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description = {
      "Download a data set's official archive into DEST (a local folder, created when missing) and verify its"
          + " published MD5. The archive appears under its name only when it is whole and verified; an interrupted"
          + " download keeps DEST/<file>.part and the same command resumes it.",
      "The address is download.<data set>.url in reference.conf (LRSCHED_CIFAR10_URL or --url for a mirror); the"
          + " JVM's proxy settings apply (JAVA_OPTS=\"-Dhttps.proxyHost=... -Dhttps.proxyPort=...\")."
    })
final class DataDownloadCommand implements Callable<Integer> {

  /** The data sets reference.conf knows, for the help text. */
  static final class DataSets implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return new DownloadLoader().dataSets().iterator();
    }
  }

  @Parameters(index = "0", paramLabel = "DATA_SET", completionCandidates = DataSets.class,
      description = "The data set: ${COMPLETION-CANDIDATES}.")
  String dataSet;

  @Parameters(index = "1", paramLabel = "DEST", description = "The local folder the archive goes to.")
  Path dest;

  @Option(names = "--url", paramLabel = "URL", description = "Fetch from this address instead (a mirror, a proxy).")
  String url;

  @Option(names = "--md5", paramLabel = "HEX",
      description = "Expect this MD5 instead of the published one (for an archive other than the official one).")
  String md5;

  @Override
  public Integer call() {
    DownloadSettings settings = new DownloadLoader().load(dataSet, url, md5);
    ArchiveDownload download = new ArchiveDownload(settings);
    Path target = download.target(dest);
    System.out.println("[INFO] " + settings.dataSet() + ": " + settings.url() + " -> " + target);
    ArchiveDownload.Outcome outcome;
    try {
      outcome = download.fetch(dest, new DownloadProgressBar(System.out, ProgressBar.Mode.detect(), System::nanoTime,
          settings.file()));
    } catch (DownloadFailure e) {
      throw new RunFailure(e.getMessage(), e);
    }
    System.out.println("[INFO] " + target + (outcome == ArchiveDownload.Outcome.ALREADY_PRESENT
        ? ": already there," : ":") + " MD5 " + settings.md5() + " verified");
    System.out.println("[INFO] train on it: LRSCHED_CIFAR10=" + target.toAbsolutePath()
        + " LRSCHED_CIFAR10_FORMAT=cifar-binary submit/local.sh conf/quickstart.conf");
    return 0;
  }
}
