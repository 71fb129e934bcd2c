package io.lrsched.data;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/**
 * One {@code local[2]} Spark context per integration-test class, named after the class, always stopped in
 * {@code finally} so a failing class cannot leak a context (and its port) into the next one.
 */
abstract class SparkITBase {
  protected static JavaSparkContext sc;

  @BeforeAll
  static void startSpark(TestInfo info) {
    String name = info.getTestClass().map(Class::getSimpleName).orElse("data-it");
    SparkConf conf = new SparkConf()
        .setMaster("local[2]")
        .setAppName(name)
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1");
    sc = new JavaSparkContext(conf);
    sc.setLogLevel("WARN");
  }

  @AfterAll
  static void stopSpark() {
    try {
      if (sc != null) {
        sc.stop();
      }
    } finally {
      sc = null;
      System.clearProperty("spark.driver.port");
    }
  }
}
