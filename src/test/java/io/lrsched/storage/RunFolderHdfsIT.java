package io.lrsched.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RunFolder} on a real HDFS (one NameNode, one DataNode) started in this JVM. */
@Tag("hdfs")
class RunFolderHdfsIT {
  private static final Clock FIXED =
      Clock.fixed(LocalDateTime.of(2024, 1, 2, 3, 4, 5).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

  @TempDir static Path base;
  private static MiniDFSCluster cluster;
  private static String hdfsUri;

  @BeforeAll
  static void startHdfs() throws Exception {
    long start = System.nanoTime();
    Configuration conf = new Configuration();
    File dir = base.resolve("hdfs").toFile();
    cluster = new MiniDFSCluster.Builder(conf, dir).numDataNodes(1).format(true).build();
    cluster.waitActive();
    hdfsUri = cluster.getURI().toString();
    System.out.printf("MiniDFSCluster up at %s in %.1f s%n", hdfsUri, (System.nanoTime() - start) / 1e9);
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      long start = System.nanoTime();
      cluster.shutdown(true);
      System.out.printf("MiniDFSCluster down in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
  }

  @Test
  void shouldCreateWriteReplaceAndListOnHdfs() throws Exception {
    RunFolder first = RunFolder.create(hdfsUri + "/runs", "step", new Configuration(), FIXED);
    RunFolder second = RunFolder.create(hdfsUri + "/runs", "step", new Configuration(), FIXED);

    first.writeText("metrics.csv", "epoch,lr\n1,0.1\n");
    first.writeText("metrics.csv", "epoch,lr\n1,0.1\n2,0.1\n");
    first.writeBytes("plots/lr.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});

    assertTrue(first.uri().startsWith("hdfs://"), first.uri());
    assertEquals("step-20240102-030405", first.name());
    assertEquals("step-20240102-030405-2", second.name());
    assertEquals("epoch,lr\n1,0.1\n2,0.1\n", first.readText("metrics.csv"));
    assertEquals(List.of("metrics.csv", "plots/lr.png"), first.list());
    assertEquals(List.of(), second.list());
    assertEquals("epoch,lr\n1,0.1\n2,0.1\n", RunFolder.open(first.uri()).readText("metrics.csv"));
    // No temporary file may survive on HDFS either: count every file, hidden ones included.
    FileSystem fs = cluster.getFileSystem();
    assertEquals(
        List.of(RunFolder.MARKER, "lr.png", "metrics.csv"),
        allFileNames(fs, new org.apache.hadoop.fs.Path(first.uri())));
  }

  @Test
  void shouldKeepOldFileOnHdfsWhenWriteFails() throws Exception {
    RunFolder run = RunFolder.create(hdfsUri + "/runs", "poly", new Configuration(), FIXED);
    run.writeText("model.zip", "good");

    assertThrows(
        StorageException.class,
        () ->
            run.write(
                "model.zip",
                out -> {
                  out.write(new byte[] {1, 2, 3});
                  throw new java.io.IOException("executor lost");
                }));

    assertEquals("good", run.readText("model.zip"));
    // The temporary file (.model.zip.<uuid>.tmp) is hidden from list(): count every file, hidden ones included.
    FileSystem fs = cluster.getFileSystem();
    assertEquals(List.of(RunFolder.MARKER, "model.zip"), allFileNames(fs, new org.apache.hadoop.fs.Path(run.uri())));
  }

  private static List<String> allFileNames(FileSystem fs, org.apache.hadoop.fs.Path dir) throws Exception {
    List<String> names = new java.util.ArrayList<>();
    var files = fs.listFiles(dir, true);
    while (files.hasNext()) {
      names.add(files.next().getPath().getName());
    }
    java.util.Collections.sort(names);
    return names;
  }
}
