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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    assertEquals(Map.of("factor", 0.5, "drop-every", 15), s.schedule().parameters().asMap());
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
    // the hint lists the section's keys; "lr" must appear as a key of its own, not as part of "training.lrr"
    assertTrue(e.getMessage().matches(".*\\(known here: .*\\blr, .*\\)"), "lists the known keys: " + e.getMessage());
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
  void shouldReadTheImageOptionsAndRejectBadOnes() throws IOException {
    ExperimentSettings s = load(file("data { image-size = 64, resize = pad, on-bad-image = skip,"
        + " normalize = standardize, augment = true, augment-padding = 2 }"));
    assertEquals(64, s.data().imageSize());
    assertEquals("pad", s.data().resize());
    assertTrue(s.data().skipBadImages());
    assertEquals("standardize", s.data().normalize());
    assertTrue(s.data().augment());
    assertEquals(2, s.data().augmentPadding());
    assertTrue(error("data.resize = squash").getMessage().contains("data.resize"));
    assertTrue(error("data.on-bad-image = ignore").getMessage().contains("data.on-bad-image"));
    assertTrue(error("data.normalize = zscore").getMessage().contains("data.normalize"));
    assertTrue(error("data.image-size = 0").getMessage().contains("data.image-size"));
    ConfigError cifar = error("data { source = cifar-binary, path = /d, image-size = 64 }");
    assertTrue(cifar.getMessage().contains("data.image-size = 64") && cifar.getMessage().contains("data.resize"),
        cifar.getMessage());
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
  void shouldReadTheTableOptionsAndRejectBadOnes() throws IOException {
    ExperimentSettings s = load(file("data { source = table, path = images, table { format = catalog,"
        + " test-path = images_test, image-column = image, label-column = class, key-column = image.origin,"
        + " classes = [cat, dog] } }"));
    assertEquals("table", s.data().source());
    assertEquals(new TableSettings("catalog", "images_test", "image", "class", "image.origin", "split",
        List.of("cat", "dog")), s.data().table());
    ConfigError path = error("data.source = table");
    assertTrue(path.getMessage().contains("data.path") && path.getMessage().contains("data.table.format = catalog"),
        path.getMessage());
    ConfigError repeated = error("data.table.classes = [cat, cat]");
    assertTrue(repeated.getMessage().contains("data.table.classes") && repeated.getMessage().contains("distinct"),
        repeated.getMessage());
    assertTrue(error("data.table.image-column = \"\"").getMessage().contains("data.table.image-column"));
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
    assertEquals(7, echo.size());
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
    assertEquals("overhead-tiny", load(Path.of("conf/measure/overhead-tiny.conf")).name(), "docs/SCALING.md's input");
  }

  @Test
  void shouldReportEveryProblemOfAFileAtOnceOneLineEachWithItsLine() throws IOException {
    ConfigError e =
        error("training.epochs = 0\ntraining.lr = -1\nmodel.stages = [1]\nschedule.type = cosine-ish\nfoo = 1",
            "training.momentum=2");
    List<String> problems = e.problems();
    assertEquals(6, problems.size(), String.join("\n", problems));
    assertTrue(problems.stream().anyMatch(p -> p.startsWith(dir.resolve("experiment.conf") + ":1: training.epochs = 0")),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains(":2: training.lr = -1")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains(":3: model.stages = [1]: expected 3 entries")),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains(":4: schedule.type = \"cosine-ish\": expected one of")),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains(":5: unknown key 'foo'")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("--set training.momentum=2: training.momentum = 2")),
        problems.toString());
    problems.forEach(p -> assertFalse(p.contains("\n"), p));
  }

  @Test
  void shouldNameTheFileAndLineOrTheSetOfABadScheduleValue() throws IOException {
    ConfigError fromFile = error("schedule.type = step\nschedule.step.factor = 1.5");
    assertEquals(List.of(dir.resolve("experiment.conf") + ":2: schedule.step.factor = 1.5: expected a number in (0, 1]"),
        fromFile.problems());
    ConfigError fromSet = error("schedule.type = step", "schedule.step.drop-every=2.5");
    assertEquals(
        List.of("--set schedule.step.drop-every=2.5: schedule.step.drop-every = 2.5: expected an integer >= 1"),
        fromSet.problems());
  }

  @Test
  void shouldCheckTheActiveScheduleInFull() throws IOException {
    assertTrue(error("schedule.type = plateau\nschedule.plateau.mode = lowest").getMessage()
        .endsWith("schedule.plateau.mode = \"lowest\": expected one of max, min"));
    assertTrue(error("schedule.warmup { epochs = 2, steps = 10 }").getMessage()
        .contains("schedule.warmup.steps = 10: expected 0 while schedule.warmup.epochs = 2"));
    assertTrue(error("schedule { type = multi-step, multi-step.milestones = [50, 40] }").getMessage()
        .contains("schedule.multi-step.milestones = [50,40]: expected strictly increasing integers >= 1"));
    assertTrue(error("schedule { type = piecewise, piecewise.values = [0.1] }").getMessage()
        .contains("schedule.piecewise.values = [0.1]: expected 3 values, one more than schedule.piecewise.boundaries"));
    // base-lr above max-lr = auto = lr0 = 0.1
    assertTrue(error("schedule { type = cyclical, cyclical.base-lr = 0.2 }").getMessage()
        .endsWith("experiment.conf:1: schedule.cyclical.base-lr = 0.2: expected a number below max-lr = auto = lr0 = 0.1"));
    assertTrue(error("schedule { type = one-cycle, one-cycle.three-phase = maybe }").getMessage()
        .contains("schedule.one-cycle.three-phase = \"maybe\": expected true or false"));
    assertTrue(error("schedule { type = poly, poly.powr = 2 }").getMessage()
        .contains("unknown key 'schedule.poly.powr' (known here: max-epochs, power)"));
  }

  @Test
  void shouldCheckOnlyKindsAndKeysOfSchedulesNotInUse() throws IOException {
    // a plateau typo does not matter while the step schedule runs ...
    ExperimentSettings s = load(file("schedule { type = step, plateau.monitor = val-los, plateau.factor = 5 }"));
    assertEquals("step", s.schedule().type());
    // ... but a value of the wrong kind or an unknown key in any block is found up front
    List<String> problems =
        error("schedule { type = step, plateau.patience = many, cosine.t-max = soon, poly.powr = 2 }").problems();
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("unknown key 'schedule.poly.powr'"), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.endsWith("schedule.plateau.patience = \"many\": expected a number")),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.endsWith("schedule.cosine.t-max = \"soon\": expected a number or auto")),
        problems.toString());
  }

  @Test
  void shouldResolveAutoParametersFromTheTrainingSettings() throws IOException {
    ExperimentSettings s = load(file("training { lr = 0.2, epochs = 40 }\nschedule.type = standard"));
    assertEquals(Map.of("decay", 0.2 / 40), s.schedule().parameters().asMap());
    assertEquals(Map.of("max-epochs", 40),
        load(file("training.epochs = 40\nschedule.type = linear")).schedule().parameters().asMap());
  }

  @Test
  void shouldTypeEveryParameterOfEverySchedulePresentInReferenceConf() {
    com.typesafe.config.Config schedule =
        com.typesafe.config.ConfigFactory.parseResources("reference.conf").getConfig("schedule");
    for (String type : ScheduleReader.types(com.typesafe.config.ConfigFactory.parseResources("reference.conf"))) {
      ExperimentSettings s = load(null, "schedule.type=" + type);
      Set<String> expected = type.equals("none") ? Set.of() : schedule.getConfig(type).root().keySet();
      assertEquals(new TreeSet<>(expected), new TreeSet<>(s.schedule().parameters().asMap().keySet()), type);
    }
  }

  @Test
  void shouldNotAskForDataWhenTheCommandReadsNone() throws IOException {
    Path f = file("data.source = cifar-binary");
    assertEquals("", new SettingsLoader().load(f, List.of(), false).data().path());
    assertTrue(assertThrows(ConfigError.class, () -> load(f)).getMessage().contains("data.path"));
  }
}
