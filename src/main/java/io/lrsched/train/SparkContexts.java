package io.lrsched.train;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Creates the application's Spark context. The master is never chosen here: spark-submit decides, and only when none
 * was given (a plain {@code java} launch) the embedded default {@code local[*]} applies.
 */
public final class SparkContexts {
  private SparkContexts() {}

  /**
   * @param appName the application's name in Spark's UI and logs
   * @return a new context; the caller stops it
   */
  public static JavaSparkContext create(String appName) {
    SparkConf conf = new SparkConf().setAppName(appName);
    conf.setIfMissing("spark.master", "local[*]");
    // ND4J arrays travel in broadcasts and shuffles: Kryo with ND4J's registrator (see KryoSetup) is compact.
    conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    conf.setIfMissing("spark.kryo.registrator", KryoSetup.class.getName());
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    String plugins = conf.get("spark.plugins", "");
    if (!plugins.contains(NativePlugin.class.getName())) {
      conf.set("spark.plugins", plugins.isEmpty() ? NativePlugin.class.getName()
          : plugins + "," + NativePlugin.class.getName());
    }
    return new JavaSparkContext(conf);
  }
}
