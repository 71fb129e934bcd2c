package io.lrsched.train;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A {@code local[2]} context for the training package's ITs, with the application's Kryo setup, without UI. */
final class LocalSpark {
  private LocalSpark() {}

  static JavaSparkContext start(String appName) {
    return new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName(appName)
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .set("spark.kryo.registrator", KryoSetup.class.getName()));
  }
}
