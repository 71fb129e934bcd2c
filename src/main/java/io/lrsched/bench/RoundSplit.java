package io.lrsched.bench;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.stats.EventStats;

/**
 * Where the wall time of one parameter-averaging round goes, from DL4J's own training statistics
 * ({@code setCollectTrainingStats(true)}), per round.
 *
 * @param roundMs wall time of a round on the driver
 * @param workerFitMs time a worker spends in {@code fit} (its local steps), mean over workers
 * @param workerSetupMs time a worker spends before fitting (fetching the broadcast, rebuilding the network), mean
 * @param driverPrepMs the driver's work before the workers start: DL4J counts the round's RDD, splits or
 *     repartitions it if needed, and broadcasts the network
 * @param driverAveragingMs the driver's share of averaging: dividing the summed parameters and updater state and
 *     setting them on the master network
 * @param otherMs the rest: Spark scheduling, task and result serialisation, the combine of worker results,
 *     waiting for the slowest worker
 */
public record RoundSplit(double roundMs, double workerFitMs, double workerSetupMs, double driverPrepMs,
    double driverAveragingMs, double otherMs) {

  static final String WORKER_FIT = "ParameterAveragingWorkerFitTimesMs";
  static final String WORKER_TOTAL = "WorkerFlatMapTotalTimeMs";
  static final String DRIVER_AVERAGING = "ParameterAveragingMasterProcessParamsUpdaterTimesMs";
  static final String[] DRIVER_PREP = {"ParameterAveragingMasterCountRddSizeTimesMs",
      "ParameterAveragingMasterBroadcastCreateTimesMs", "ParameterAveragingMasterSplitTimesMs",
      "ParameterAveragingMasterRepartitionTimesMs"};

  /**
   * @param stats DL4J's statistics of the timed rounds only
   * @param rounds how many rounds they cover
   * @param workers workers per round
   * @param roundMs measured wall time per round
   * @return the split
   */
  static RoundSplit of(SparkTrainingStats stats, int rounds, int workers, double roundMs) {
    Map<String, Double> totals = totalsByKey(stats);
    double perWorkerRound = (double) rounds * workers;
    double fit = totals.getOrDefault(WORKER_FIT, 0.0) / perWorkerRound;
    double workerTotal = totals.getOrDefault(WORKER_TOTAL, 0.0) / perWorkerRound;
    double averaging = totals.getOrDefault(DRIVER_AVERAGING, 0.0) / rounds;
    double setup = Math.max(0, workerTotal - fit);
    double prep = 0;
    for (String key : DRIVER_PREP) {
      prep += totals.getOrDefault(key, 0.0) / rounds;
    }
    return new RoundSplit(roundMs, fit, setup, prep, averaging,
        Math.max(0, roundMs - workerTotal - prep - averaging));
  }

  /**
   * Sums every event's duration per key. DL4J's master statistics also answer for the keys of the statistics nested
   * in them (worker, common), so each key is taken once, from the outermost object that has it.
   */
  static Map<String, Double> totalsByKey(SparkTrainingStats stats) {
    Map<String, Double> totals = new HashMap<>();
    Set<SparkTrainingStats> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (SparkTrainingStats s = stats; s != null && seen.add(s); s = s.getNestedTrainingStats()) {
      for (String key : s.getKeySet()) {
        List<EventStats> events = s.getValue(key);
        if (events != null) {
          totals.putIfAbsent(key, events.stream().mapToDouble(EventStats::getDurationMs).sum());
        }
      }
    }
    return totals;
  }

  @Override
  public String toString() {
    return String.format("spark round split: %.0f ms per round = worker fit %.0f ms (%.0f%%), worker setup %.0f ms"
            + " (%.0f%%), driver count+broadcast %.0f ms (%.0f%%), driver averaging %.0f ms (%.0f%%),"
            + " Spark scheduling/serialisation/combine %.0f ms (%.0f%%)",
        roundMs, workerFitMs, share(workerFitMs), workerSetupMs, share(workerSetupMs), driverPrepMs,
        share(driverPrepMs), driverAveragingMs, share(driverAveragingMs), otherMs, share(otherMs));
  }

  private double share(double ms) {
    return 100 * ms / roundMs;
  }
}
