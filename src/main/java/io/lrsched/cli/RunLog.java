package io.lrsched.cli;

import org.slf4j.LoggerFactory;

/**
 * The log that keeps a failure's whole trace. slf4j comes with Spark's jars, which commands such as {@code config}
 * (run by {@code submit/cluster.sh} with the application jar alone) do not have: this class is loaded only when a
 * failure is logged, and without slf4j the console's one line is all there is.
 */
final class RunLog {
  private RunLog() {}

  static void error(String message, Throwable cause) {
    try {
      LoggerFactory.getLogger(ErrorHandler.class).error(message, cause);
    } catch (NoClassDefFoundError noSlf4j) {
      // Without Spark's jars there is no log to write to; the one line on stderr still says what failed.
    }
  }
}
