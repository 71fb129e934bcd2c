package io.lrsched.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sweep processes started at once on the same sweep folder, on local disk and on a real HDFS (one NameNode, one
 * DataNode, in this JVM; the sweep processes reach it over its port): every trial runs exactly once.
 */
@Tag("slow")
class SweepConcurrencyIT {
  private static final int TRIALS = 4;

  @TempDir static Path base;
  private static MiniDFSCluster cluster;

  @BeforeAll
  static void startHdfs() throws IOException {
    File hdfs = base.resolve("hdfs").toFile();
    cluster = new MiniDFSCluster.Builder(new Configuration(), hdfs).numDataNodes(1).format(true).build();
    cluster.waitActive();
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown(true);
    }
  }

  @Test
  void shouldRunEveryTrialExactlyOnceOnLocalDisk() throws Exception {
    Path dir = base.resolve("local");
    Files.createDirectories(dir);
    runTwoAtOnce(dir, dir.resolve("out").toString());
    assertExactlyOnce(FileSystem.getLocal(new Configuration()).getRawFileSystem(),
        new org.apache.hadoop.fs.Path(dir.resolve("out/race").toUri()));
  }

  @Test
  void shouldRunEveryTrialExactlyOnceOnHdfs() throws Exception {
    Path dir = base.resolve("hdfs-sweep");
    Files.createDirectories(dir);
    String out = cluster.getURI() + "/sweeps";
    runTwoAtOnce(dir, out);
    assertExactlyOnce(cluster.getFileSystem(), new org.apache.hadoop.fs.Path(out + "/race"));
  }

  private static void runTwoAtOnce(Path dir, String outputDir) throws Exception {
    Files.writeString(dir.resolve("base.conf"), SweepProcess.tinyBase(outputDir, 1));
    Path file = dir.resolve("race.conf");
    Files.writeString(file, """
        sweep { experiment = base.conf, grid { "schedule.type" = [none, step] }, seeds = [1, 2] }
        """);
    SweepProcess a = SweepProcess.start(dir.resolve("a.log"), file.toString());
    SweepProcess b = SweepProcess.start(dir.resolve("b.log"), file.toString());
    int exitA = a.await(600);
    int exitB = b.await(600);
    // The one that ends first may see the other's last trial still running (75); at least one sees all done.
    assertTrue(Set.of(0, 75).containsAll(List.of(exitA, exitB)) && (exitA == 0 || exitB == 0),
        "exit codes " + exitA + ", " + exitB + "\n--- a:\n" + a.output() + "\n--- b:\n" + b.output());
  }

  private static void assertExactlyOnce(FileSystem fs, org.apache.hadoop.fs.Path sweep) throws IOException {
    FileStatus[] trials = fs.listStatus(new org.apache.hadoop.fs.Path(sweep, "trials"));
    assertEquals(TRIALS, trials.length);
    Set<String> owners = new HashSet<>();
    int runFolders = 0;
    for (FileStatus trial : trials) {
      List<String> names = new ArrayList<>();
      for (FileStatus entry : fs.listStatus(trial.getPath())) {
        names.add(entry.getPath().getName());
        if (entry.isDirectory()) {
          runFolders++;
        }
      }
      assertTrue(names.contains("lease-000001") && !names.contains("lease-000002"),
          "one claim per trial, no takeover: " + names);
      TrialState state = SweepFolder.open(trial.getPath().getParent().getParent().toString())
          .readState(trial.getPath().getName());
      assertEquals("done", state.state(), state.toString());
      assertEquals(1, state.attempts(), state.toString());
      owners.add(state.owner());
    }
    assertEquals(TRIALS, runFolders, "one run folder per trial");
    assertEquals(2, owners.size(), "both processes ran trials (else the race was not tested): " + owners);
  }
}
