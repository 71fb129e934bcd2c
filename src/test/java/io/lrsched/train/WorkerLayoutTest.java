package io.lrsched.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.config.ConfigError;
import org.junit.jupiter.api.Test;

class WorkerLayoutTest {

  @Test
  void shouldTakeKerasStepsPerEpochForCifar10() {
    // Keras prints 391/391 per epoch for CIFAR-10's 50,000 images at batch 128 (the last step has 80 images).
    WorkerLayout layout = new WorkerLayout(4, 128, 5);
    assertEquals(391, layout.stepsPerEpoch(50_000));
    assertEquals(32, layout.batchPerWorker());
    // 391 steps averaged every 5: 78 full rounds and one of a single step
    assertEquals(79, layout.rounds(391));
    assertEquals(1, layout.stepsPerEpoch(1));
    assertEquals(2, layout.stepsPerEpoch(129));
    assertEquals(1, layout.rounds(5));
    assertEquals(2, layout.rounds(6));
  }

  @Test
  void shouldRejectABatchThatDoesNotSplitEvenlyNamingTheKey() {
    ConfigError uneven = assertThrows(ConfigError.class, () -> new WorkerLayout(3, 128, 5));
    assertTrue(uneven.getMessage().startsWith("training.batch-size = 128: must be a multiple of the 3 workers"),
        uneven.getMessage());
    ConfigError none = assertThrows(ConfigError.class, () -> new WorkerLayout(0, 128, 5));
    assertTrue(none.getMessage().startsWith("training.workers = 0"), none.getMessage());
  }
}
