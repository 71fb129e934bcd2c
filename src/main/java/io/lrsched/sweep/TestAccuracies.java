package io.lrsched.sweep;

import io.lrsched.results.RunRecord;
import io.lrsched.storage.RunFolder;
import io.lrsched.storage.StorageException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The test split's accuracy of the last network of every done trial that validated on images held out of training
 * ({@code data.validation-split}), from its run folder's {@code run.json}: the figure the leaderboard reports apart
 * from the val_accuracy it ranks by. Trials that validated on the test split have none (their val_accuracy is it).
 */
final class TestAccuracies {
  private TestAccuracies() {}

  /**
   * @param states the trials' state records by id
   * @return trial id to last_test_accuracy, for the trials that have one
   */
  static Map<String, Double> read(Map<String, TrialState> states) {
    Map<String, Double> out = new LinkedHashMap<>();
    states.forEach((id, s) -> {
      if (s.state().equals(TrialState.DONE) && !s.runFolder().isEmpty()) {
        try {
          Double test = RunRecord.parse(RunFolder.open(s.runFolder()).readText(RunRecord.FILE)).test()
              .get("last_test_accuracy");
          if (test != null) {
            out.put(id, test);
          }
        } catch (StorageException | IllegalArgumentException e) {
          // A run folder without a readable run.json has no test figure to report; its val figures still count.
        }
      }
    });
    return out;
  }
}
