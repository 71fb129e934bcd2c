package io.lrsched.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lrsched.config.SettingsLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsDiffTest {

  @Test
  void shouldFindExactlyTheSettingsAnExperimentChanged() {
    String rendered = new SettingsLoader().load(null, List.of("experiment.name=x", "training.epochs=2",
        "schedule.type=step", "model.stages=[1,1,1]")).rendered();
    assertEquals(Map.of("training.epochs", "2", "schedule.type", "step", "model.stages", "[1,1,1]"),
        SettingsDiff.fromReference(rendered));
  }

  @Test
  void shouldNameWhatDiffersBetweenRunsButNotTheirNamesOrOutput() {
    Map<String, String> a = Map.of("experiment.name", "a", "schedule.type", "step", "training.lr", "0.1",
        "output.dir", "/x");
    Map<String, String> b = Map.of("experiment.name", "b", "schedule.type", "poly", "training.lr", "0.1",
        "output.dir", "/y");
    Map<String, String> c = Map.of("experiment.name", "c", "schedule.type", "poly", "training.lr", "0.1",
        "output.dir", "/y", "schedule.warmup.epochs", "2");
    assertEquals(Set.of("schedule.type"), SettingsDiff.differingKeys(List.of(a, b)));
    assertEquals(Set.of("schedule.type", "schedule.warmup.epochs"), SettingsDiff.differingKeys(List.of(a, b, c)));
  }
}
