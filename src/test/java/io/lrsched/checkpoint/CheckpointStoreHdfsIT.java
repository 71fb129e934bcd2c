package io.lrsched.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.storage.RunFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints on a real HDFS started in this JVM: retention, no temporary files left, a damaged newest one skipped. */
@Tag("hdfs")
class CheckpointStoreHdfsIT {

  @TempDir Path base;

  @Test
  void shouldKeepWriteAndCheckCheckpointsOnHdfs() throws Exception {
    MiniDFSCluster cluster =
        new MiniDFSCluster.Builder(new Configuration(), base.resolve("hdfs").toFile()).numDataNodes(1).build();
    try {
      cluster.waitActive();
      String runUri = cluster.getURI() + "/runs/trial-1";
      CheckpointStore store = new CheckpointStore(RunFolder.at(runUri), 2);
      for (int e = 1; e <= 3; e++) {
        store.write(new Checkpoint(e, 16, 2, 3, Optional.empty(), e, 0.1 * e, "m" + e, "lr" + e,
            ("model " + e).getBytes(StandardCharsets.UTF_8)));
      }
      FileSystem fs = cluster.getFileSystem();
      List<String> files = new ArrayList<>();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(new org.apache.hadoop.fs.Path("/runs/trial-1"), true);
      while (it.hasNext()) {
        files.add(it.next().getPath().toUri().getPath().replace("/runs/trial-1/", ""));
      }
      assertFalse(files.stream().anyMatch(f -> f.contains("epoch-0001")), "beyond keep-checkpoints: " + files);
      assertFalse(files.stream().anyMatch(f -> f.endsWith(".tmp")), "no temporary file left: " + files);
      assertTrue(files.contains("checkpoints/epoch-0003/model.zip"), files.toString());

      try (FSDataOutputStream out =
          fs.create(new org.apache.hadoop.fs.Path("/runs/trial-1/checkpoints/epoch-0003/model.zip"), true)) {
        out.write("mod".getBytes(StandardCharsets.UTF_8));
      }
      List<String> warnings = new ArrayList<>();
      Checkpoint read = new CheckpointStore(RunFolder.open(runUri), 2).newest(warnings::add).orElseThrow();
      assertEquals(2, read.epochs());
      assertEquals("m2", read.metricsCsv());
      assertEquals(1, warnings.size());
      assertTrue(warnings.get(0).contains(runUri + "/checkpoints/epoch-0003/model.zip has 3 bytes"),
          warnings.get(0));
    } finally {
      cluster.shutdown(true);
    }
  }
}
