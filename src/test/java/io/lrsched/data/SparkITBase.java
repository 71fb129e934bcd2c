package io.lrsched.data;

import java.util.Map;
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
    sc = startLocal(info.getTestClass().map(Class::getSimpleName).orElse("data-it"), Map.of());
  }

  /** A {@code local[2]} context without UI, bound to the loopback interface, plus any extra settings. */
  static JavaSparkContext startLocal(String appName, Map<String, String> extra) {
    SparkConf conf = new SparkConf()
        .setMaster("local[2]")
        .setAppName(appName)
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1");
    extra.forEach(conf::set);
    JavaSparkContext context = new JavaSparkContext(conf);
    context.setLogLevel("WARN");
    return context;
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
