package io.lrsched.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.cli.Main;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run writes its folder with Spark's Hadoop configuration: a {@code spark.hadoop.*} setting given to Spark (here
 * {@code spark.hadoop.dfs.replication=1}) reaches the HDFS client that writes every file of the run folder, on a real
 * in-process HDFS. HDFS records each file's replication as the writing client asked for it, so the setting is
 * observable; a client built from a fresh Hadoop configuration asks for HDFS' default, 3 (checked here too).
 *
 * <p>Nothing touches the HDFS before the run: Hadoop caches one client per file system and user, made with the
 * configuration of whoever asked first.
 */
class SparkHadoopConfigurationIT {
  private static final String REPLICATION = "spark.hadoop.dfs.replication";

  @TempDir static Path tmp;
  private static MiniDFSCluster hdfs;

  @BeforeAll
  static void startHdfsAndConfigureSpark() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("dfs").toString());
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
    // SparkConf reads spark.* system properties, as spark-submit passes --conf to the driver.
    System.setProperty("spark.master", "local[2]");
    System.setProperty(REPLICATION, "1");
    System.setProperty("spark.ui.enabled", "false");
  }

  @AfterAll
  static void stopHdfs() {
    System.clearProperty("spark.master");
    System.clearProperty(REPLICATION);
    System.clearProperty("spark.ui.enabled");
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  @Test
  void shouldWriteTheRunFolderWithSparksHadoopSettings() throws Exception {
    String output = hdfs.getURI() + "/runs";
    int exit = Main.run(new String[] {
        "train",
        "--set", "experiment.name=hadoop-conf",
        "--set", "data.source=synthetic",
        "--set", "data.synthetic.train-size=64",
        "--set", "data.synthetic.test-size=32",
        "--set", "model.stages=[1,1,1]",
        "--set", "model.filters=[8,8,16,32]",
        "--set", "training.batch-size=32",
        "--set", "training.workers=2",
        "--set", "output.dir=\"" + output + "\"",
        "--schedule", "step",
        "--epochs", "1"});
    assertEquals(0, exit, "train exits with 0");

    try (FileSystem fs = FileSystem.newInstance(URI.create(output), new Configuration())) {
      List<String> files = new ArrayList<>();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(new org.apache.hadoop.fs.Path(output), true);
      while (it.hasNext()) {
        LocatedFileStatus file = it.next();
        files.add(file.getPath().getName());
        assertEquals(1, file.getReplication(), "replication of " + file.getPath());
      }
      assertTrue(files.containsAll(List.of("config.conf", "provenance.txt", "metrics.csv", "lr-applied.csv",
          "classification-report.txt")), "the run folder's files: " + files);

      // The same write with a fresh configuration gets HDFS' default: the 1 above came from the setting.
      org.apache.hadoop.fs.Path probe = new org.apache.hadoop.fs.Path(output + "/probe.txt");
      try (FSDataOutputStream out = fs.create(probe, false)) {
        out.write("x".getBytes(StandardCharsets.UTF_8));
      }
      FileStatus status = fs.getFileStatus(probe);
      assertEquals(3, status.getReplication(), "a fresh configuration's replication");
    }
  }
}
