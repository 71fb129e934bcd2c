package io.lrsched.train;

import io.lrsched.nativeops.NativeSetup;
import java.util.Map;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Installs the native configuration in every executor JVM when it starts, before its first task creates an ND4J
 * array: the one place on executors, as {@code Main} is on the driver. Registered in {@code spark.plugins} by
 * {@link SparkContexts}.
 */
public final class NativePlugin implements SparkPlugin {

  @Override
  public DriverPlugin driverPlugin() {
    return null; // the driver's entry point has configured it already
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new ExecutorPlugin() {
      @Override
      public void init(PluginContext context, Map<String, String> extraConf) {
        NativeSetup.configure();
      }
    };
  }
}
