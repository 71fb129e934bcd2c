package io.lrsched.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The median stopping rule on histories whose running averages are worked out by hand. */
class MedianStoppingRuleTest {
  private static final List<List<Double>> COMPLETED = List.of(
      List.of(0.25, 0.75, 0.5),     // running averages: 0.25, 0.5, 0.5
      List.of(0.5, 0.5, 0.5),       // 0.5, 0.5, 0.5
      List.of(0.125, 0.125, 0.125)); // 0.125, 0.125, 0.125
  private final MedianStoppingRule rule = new MedianStoppingRule(1, 3);

  @Test
  void shouldNeverStopWithinTheGraceEpochs() {
    assertEquals(Optional.empty(), rule.check(1, 0.0, COMPLETED));
  }

  @Test
  void shouldStopBelowTheMedianOfRunningAverages() {
    // Epoch 2: running averages 0.5, 0.5, 0.125 -> median 0.5.
    Optional<String> note = rule.check(2, 0.49, COMPLETED);
    assertTrue(note.isPresent());
    assertTrue(note.get().contains("epoch 2") && note.get().contains("0.49") && note.get().contains("median 0.5 ")
        && note.get().contains("3 completed trials"), note.get());
    assertEquals(Optional.empty(), rule.check(2, 0.5, COMPLETED), "at the median: go on");
  }

  @Test
  void shouldWaitForEnoughCompletedTrialsThatReachedTheEpoch() {
    assertEquals(Optional.empty(), rule.check(2, 0.0, COMPLETED.subList(0, 2)));
    // Only trials with at least e epochs count: at epoch 4 none has one.
    assertEquals(Optional.empty(), rule.check(4, 0.0, COMPLETED));
  }
}
