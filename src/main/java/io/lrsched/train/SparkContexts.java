package io.lrsched.train;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import scala.Tuple2;
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

  /**
   * The Hadoop configuration a Spark context of this application would have, without starting one: Hadoop's
   * defaults and site files with every {@code spark.hadoop.*} setting (prefix removed) laid over them, as Spark lays
   * them. For run-folder reads that come before Spark starts (a resumed run's config.conf).
   *
   * @return a new configuration
   */
  public static Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    for (Tuple2<String, String> entry : new SparkConf().getAll()) {
      if (entry._1().startsWith("spark.hadoop.")) {
        conf.set(entry._1().substring("spark.hadoop.".length()), entry._2());
      }
    }
    return conf;
  }
}
