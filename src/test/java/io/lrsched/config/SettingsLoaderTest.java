package io.lrsched.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.report.SettingsEcho;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

  @TempDir Path dir;

  private Path file(String text) throws IOException {
    Path f = dir.resolve("experiment.conf");
    Files.writeString(f, text);
    return f;
  }

  private static ExperimentSettings load(Path f, String... overrides) {
    return new SettingsLoader().load(f, List.of(overrides));
  }

  private ConfigError error(String fileText, String... overrides) throws IOException {
    return assertThrows(ConfigError.class, () -> load(file(fileText), overrides));
  }

  @Test
  void shouldUseReferenceDefaultsWithoutAnExperimentFile() {
    ExperimentSettings s = load(null);
    assertEquals(100, s.training().epochs());
    assertEquals(128, s.training().batchSize());
    assertEquals(0.1, s.training().lr());
    assertEquals(0.9, s.training().momentum());
    assertTrue(s.training().saveUpdater());
    assertEquals(List.of(9, 9, 9), s.model().stages());
    assertEquals(List.of(64, 64, 128, 256), s.model().filters());
    assertEquals(1e-4, s.model().l2Module());
    assertEquals(5e-4, s.model().l2Stem());
    assertEquals(2e-5, s.model().batchNormEpsilon());
    assertEquals("none", s.schedule().type());
    assertEquals("synthetic", s.data().source());
  }

  @Test
  void shouldLetTheFileOverrideOnlyWhatDiffers() throws IOException {
    ExperimentSettings s = load(file("training.epochs = 3\nschedule { type = step, step.factor = 0.5 }"));
    assertEquals(3, s.training().epochs());
    assertEquals(0.1, s.training().lr());
    assertEquals("step", s.schedule().type());
    @SuppressWarnings("unchecked")
    var step = (java.util.Map<String, Object>) s.schedule().block().get("step");
    assertEquals(0.5, ((Number) step.get("factor")).doubleValue());
    assertEquals(15, ((Number) step.get("drop-every")).intValue());
  }

  @Test
  void shouldLetSetOverridesWinOverTheFile() throws IOException {
    ExperimentSettings s = load(file("training.epochs = 3"), "training.epochs=7", "training.lr=0.05");
    assertEquals(7, s.training().epochs());
    assertEquals(0.05, s.training().lr());
  }

  @Test
  void shouldRejectAnUnknownKeyNamingItAndTheFile() throws IOException {
    ConfigError e = error("training.lrr = 0.1");
    assertTrue(e.getMessage().contains("training.lrr"), e.getMessage());
    assertTrue(e.getMessage().contains("experiment.conf"), e.getMessage());
    assertTrue(e.getMessage().contains("lr"), "lists the known keys: " + e.getMessage());
  }

  @Test
  void shouldRejectAWrongTypeNamingKeyValueAndExpectation() throws IOException {
    ConfigError e = error("training.epochs = many");
    assertTrue(e.getMessage().contains("training.epochs"), e.getMessage());
    assertTrue(e.getMessage().contains("many"), e.getMessage());
    assertTrue(e.getMessage().contains("integer"), e.getMessage());
  }

  @Test
  void shouldRejectANonPositiveLearningRate() throws IOException {
    ConfigError e = error("training.lr = 0");
    assertTrue(e.getMessage().contains("training.lr = 0"), e.getMessage());
    assertTrue(e.getMessage().contains("> 0"), e.getMessage());
  }

  @Test
  void shouldRejectZeroEpochsFromTheCommandLine() {
    ConfigError e = assertThrows(ConfigError.class, () -> load(null, "training.epochs=0"));
    assertTrue(e.getMessage().contains("--set training.epochs=0"), e.getMessage());
    assertTrue(e.getMessage().contains(">= 1"), e.getMessage());
  }

  @Test
  void shouldRejectStagesOfTheWrongLength() throws IOException {
    ConfigError e = error("model.stages = [9, 9]");
    assertTrue(e.getMessage().contains("model.stages"), e.getMessage());
    assertTrue(e.getMessage().contains("3 entries"), e.getMessage());
  }

  @Test
  void shouldRejectFiltersOfTheWrongLength() throws IOException {
    ConfigError e = error("model.filters = [64, 64, 128]");
    assertTrue(e.getMessage().contains("model.filters"), e.getMessage());
    assertTrue(e.getMessage().contains("4 entries"), e.getMessage());
  }

  @Test
  void shouldRejectAnUnknownDataSource() throws IOException {
    ConfigError e = error("data.source = imagenet");
    assertTrue(e.getMessage().contains("data.source"), e.getMessage());
    assertTrue(e.getMessage().contains("cifar-binary"), e.getMessage());
  }

  @Test
  void shouldRequireAPathForRealData() throws IOException {
    ConfigError e = error("data.source = cifar-binary\ndata.path = \"\"");
    assertTrue(e.getMessage().contains("data.path"), e.getMessage());
  }

  @Test
  void shouldRejectAMissingExperimentFile() {
    ConfigError e = assertThrows(ConfigError.class, () -> load(dir.resolve("nope.conf")));
    assertTrue(e.getMessage().contains("nope.conf"), e.getMessage());
  }

  @Test
  void shouldRejectABadSetArgument() {
    ConfigError e = assertThrows(ConfigError.class, () -> load(null, "training.epochs"));
    assertTrue(e.getMessage().contains("key=value"), e.getMessage());
  }

  @Test
  void shouldRejectAValueWhereABlockBelongs() throws IOException {
    ConfigError e = error("training = 5");
    assertTrue(e.getMessage().contains("training"), e.getMessage());
    assertTrue(e.getMessage().contains("block"), e.getMessage());
  }

  @Test
  void shouldReportErrorsOnOneLine() throws IOException {
    for (String bad : List.of("training.lrr = 1", "training.epochs = x", "model.stages = [1]", "{{{")) {
      ConfigError e = error(bad);
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
  }

  @Test
  void shouldEchoSectionsInReadingOrderWithOnlyTheActiveSchedule() throws IOException {
    ExperimentSettings s = load(file("schedule.type = step"));
    List<String> echo = SettingsEcho.lines(SettingsLoader.activeParameters(s));
    assertEquals(6, echo.size());
    assertTrue(echo.get(0).startsWith("experiment:"), echo.get(0));
    assertTrue(echo.get(3).startsWith("training:"), echo.get(3));
    String schedule = echo.get(4);
    assertTrue(schedule.contains("step.factor=0.25"), schedule);
    assertFalse(schedule.contains("one-cycle"), schedule);
  }

  @Test
  void shouldRenderAConfigThatLoadsBackToTheSameSettings() throws IOException {
    ExperimentSettings s = load(file("training.epochs = 3\nschedule.type = poly"));
    Path rendered = dir.resolve("rendered.conf");
    Files.writeString(rendered, s.rendered());
    ExperimentSettings again = load(rendered);
    assertEquals(s.training(), again.training());
    assertEquals(s.model(), again.model());
    assertEquals(s.schedule(), again.schedule());
  }

  @Test
  void shouldResolveOptionalEnvironmentSubstitutionsInIncludedFiles() throws IOException {
    Files.writeString(dir.resolve("data.conf"),
        "data {\n source = \"image-folder\"\n source = ${?LRSCHED_TEST_SURELY_UNSET}\n path = \"/d\"\n}\n");
    ExperimentSettings s = load(file("include \"data.conf\"\ntraining.epochs = 2"));
    assertEquals("image-folder", s.data().source());
    assertEquals("/d", s.data().path());
  }

  @Test
  void shouldLoadEveryShippedExperiment() throws IOException {
    List<Path> files;
    try (var stream = Files.list(Path.of("conf/experiments"))) {
      files = new java.util.ArrayList<>(stream.sorted().toList());
    }
    files.add(Path.of("conf/quickstart.conf"));
    assertEquals(6, files.size());
    for (Path f : files) {
      ExperimentSettings s = load(f, "data.path=/data/cifar10.tar.gz");
      assertEquals("image-folder", s.data().source(), f.toString());
    }
    assertEquals("step", load(Path.of("conf/experiments/step.conf"), "data.path=/x").schedule().type());
    assertEquals("none", load(Path.of("conf/experiments/no-schedule.conf"), "data.path=/x").schedule().type());
    assertEquals("synthetic", load(Path.of("conf/smoke.conf")).data().source());
  }
}
