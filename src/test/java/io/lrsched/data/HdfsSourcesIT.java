package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-based sources read hdfs:// URIs through Spark alone (a real in-process HDFS, not a mock). */
@Tag("hdfs")
class HdfsSourcesIT extends SparkITBase {
  @TempDir static Path tmp;
  private static MiniDFSCluster hdfs;
  private static String root;
  private static final List<LabeledImage> test = TestData.randomImages(21, 30, 10);
  private static final List<LabeledImage> train = new ArrayList<>();

  @BeforeAll
  static void startHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("dfs").toString());
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
    FileSystem fs = hdfs.getFileSystem();
    root = fs.getUri().toString();

    Map<String, byte[]> cifar = new LinkedHashMap<>();
    for (int b = 1; b <= 5; b++) {
      List<LabeledImage> batch = TestData.randomImages(b, 8, 10);
      train.addAll(batch);
      cifar.put("data_batch_" + b + ".bin", TestData.cifarBytes(batch));
    }
    cifar.put("test_batch.bin", TestData.cifarBytes(test));
    Path local = tmp.resolve("cifar");
    TestData.writeFolder(local, cifar);
    Map<String, byte[]> archived = new LinkedHashMap<>();
    cifar.forEach((name, bytes) -> archived.put("cifar-10-batches-bin/" + name, bytes));
    TestData.writeTarGz(tmp.resolve("cifar.tar.gz"), archived);

    Map<String, byte[]> images = new LinkedHashMap<>();
    for (int i = 0; i < test.size(); i++) {
      LabeledImage image = test.get(i);
      String dir = (i % 2 == 0 ? "train/" : "test/") + "c" + image.label() % 2 + "/";
      images.put(dir + i + ".png", TestData.encode(TestData.toBufferedImage(image), "png"));
    }
    TestData.writeFolder(tmp.resolve("images"), images);

    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path("/data/cifar"));
    fs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(tmp.resolve("cifar.tar.gz").toUri()),
        new org.apache.hadoop.fs.Path("/data/cifar.tar.gz"));
    fs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(tmp.resolve("images").toUri()), new org.apache.hadoop.fs.Path("/data/images"));
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  @Test
  void shouldReadCifarBinaryFolderAndArchiveFromHdfs() {
    for (String path : List.of(root + "/data/cifar", root + "/data/cifar.tar.gz")) {
      CifarBinarySource source = new CifarBinarySource(path, 2);
      assertEquals(new HashSet<>(train), new HashSet<>(source.load(sc, Split.TRAIN).collect()), path);
      assertEquals(new HashSet<>(test), new HashSet<>(source.load(sc, Split.TEST).collect()), path);
    }
  }

  @Test
  void shouldReadAnImageFolderFromHdfs() {
    ImageFolderSource source = new ImageFolderSource(root + "/data/images", 2);

    assertEquals(List.of("c0", "c1"), source.classNames(sc));
    assertEquals(15, source.load(sc, Split.TRAIN).count());
    List<LabeledImage> loaded = source.load(sc, Split.TEST).collect();
    assertEquals(15, loaded.size());
    for (LabeledImage image : loaded) {
      // label = index of "c<label % 2>" among the sorted classes; the pixels must be one of the written images
      assertEquals(
          1,
          test.stream()
              .filter(t -> t.label() % 2 == image.label() && new LabeledImage(image.label(), t.pixels()).equals(image))
              .count());
    }
  }
}
