package io.lrsched.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeCheckTest {

  private final SettingsLoader loader = new SettingsLoader();

  @Test
  void shouldAllowExtendingAndOutputChangesOnly() {
    ExperimentSettings recorded = loader.load(null, List.of("schedule.type=step"));
    ExperimentSettings extended = loader.load(null, List.of("schedule.type=step", "training.epochs=200",
        "output.keep-checkpoints=5", "training.worker-prefetch=4"));
    assertEquals(List.of(), ResumeCheck.resultKeysChanged(recorded, extended));
  }

  @Test
  void shouldListEveryResultChangingKey() {
    ExperimentSettings recorded = loader.load(null, List.of("schedule.type=step"));
    ExperimentSettings changed = loader.load(null, List.of("schedule.type=step", "training.batch-size=64",
        "experiment.seed=1", "schedule.step.factor=0.5", "training.epochs=5"));
    assertEquals(List.of("experiment.seed", "schedule.step.factor", "training.batch-size"),
        ResumeCheck.resultKeysChanged(recorded, changed));
  }

  @Test
  void shouldLoadARecordedConfigurationBackAsTheSameSettings() {
    ExperimentSettings original = loader.load(null, List.of("schedule.type=cosine", "training.epochs=7"));
    String recorded = "# Resolved configuration of this run (from reference.conf)\n" + original.rendered();
    ExperimentSettings loaded = loader.loadText(recorded, "runs/x/config.conf", List.of("training.epochs=9"));
    assertEquals(List.of(), ResumeCheck.resultKeysChanged(original, loaded));
    assertEquals(9, loaded.training().epochs());
    assertEquals("runs/x/config.conf", loaded.source());
  }
}
