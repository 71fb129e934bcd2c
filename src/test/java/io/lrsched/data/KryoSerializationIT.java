package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The records this package shuffles and returns (images, encoded files, subset keys, DataSets) also survive Kryo,
 * which DL4J's Spark guide recommends (with ND4J's registrator) and a driver may well switch on.
 */
class KryoSerializationIT {
  @TempDir Path tmp;

  @Test
  void shouldLoadSubsetAndBatchWithKryo() throws Exception {
    List<LabeledImage> images = TestData.randomImages(8, 24, 3);
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < images.size(); i++) {
      String split = i % 3 == 0 ? "test" : "train";
      files.put(
          split + "/k" + images.get(i).label() + "/" + i + ".png",
          TestData.encode(TestData.toBufferedImage(images.get(i)), "png"));
    }
    Path archive = tmp.resolve("k.tar.gz");
    TestData.writeTarGz(archive, files);

    JavaSparkContext sc = SparkITBase.startLocal(
        getClass().getSimpleName(),
        Map.of(
            "spark.serializer", "org.apache.spark.serializer.KryoSerializer",
            "spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator"));
    try {
      JavaRDD<LabeledImage> train = new ImageFolderSource(archive.toString(), 2).load(sc, Split.TRAIN);
      assertEquals(16, new HashSet<>(train.collect()).size());
      assertEquals(5, Subsets.random(train, 5, 1).count());
      assertEquals(4, Subsets.random(train, 4, 1).count());
      List<DataSet> batches = Minibatches.toDataSets(train, 8, false, 3, 2, Normalization.unit()).collect();
      assertEquals(16, batches.stream().mapToInt(DataSet::numExamples).sum());
      assertArrayEquals(new long[] {3, 32, 32}, java.util.Arrays.copyOfRange(batches.get(0).getFeatures().shape(), 1, 4));
    } finally {
      sc.stop();
    }
  }
}
