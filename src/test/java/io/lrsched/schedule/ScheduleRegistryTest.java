package io.lrsched.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.config.ScheduleSettings;
import io.lrsched.config.SettingsLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry against the real reference.conf, with parameters checked and typed by the config package exactly as
 * a run receives them.
 */
class ScheduleRegistryTest {
  private static final double EPS = 1e-12;

  /** The settings of reference.conf with {@code overrides}, as {@code plot-schedule} loads them (no data needed). */
  private static ScheduleSettings settings(String... overrides) {
    return new SettingsLoader().load(null, List.of(overrides), false).schedule();
  }

  /** The type's schedule built from reference.conf's parameters, over 100 epochs at lr0 = 0.1, with wrappers. */
  private static LearningRateSchedule build(int workers, String... overrides) {
    ScheduleSettings s = settings(overrides);
    ScheduleContext context = new ScheduleContext(0.1, 100, 391, workers);
    LearningRateSchedule schedule = ScheduleRegistry.build(s.type(), s.parameters(), context);
    schedule = ScheduleRegistry.withWarmup(
        schedule, s.warmup().epochs(), s.warmup().steps(), s.warmup().startFactor());
    return ScheduleRegistry.withLinearScaling(
        schedule, s.linearScaling().enabled(), s.linearScaling().warmupEpochs(), context);
  }

  private static LearningRateSchedule type(String name, String... more) {
    List<String> overrides = new ArrayList<>(List.of("schedule.type = " + name));
    overrides.addAll(List.of(more));
    return build(1, overrides.toArray(String[]::new));
  }

  static List<String> names() {
    return ScheduleRegistry.names();
  }

  @Test
  void shouldListEveryScheduleName() {
    assertEquals(
        List.of(
            "none", "standard", "step", "step-aligned", "linear", "poly", "exponential", "multi-step", "piecewise",
            "cosine", "cyclical", "one-cycle", "plateau", "wsd"),
        ScheduleRegistry.names());
  }

  @Test
  void shouldDefaultToNoSchedule() {
    assertEquals(new ConstantSchedule(0.1), build(1));
  }

  @ParameterizedTest
  @MethodSource("names")
  void shouldBuildEveryScheduleFromReferenceConfAndPrintItsParameters(String name) {
    LearningRateSchedule s = type(name);
    assertEquals(name, s.name());
    EpochLrTable table = EpochLrTable.of(s, 0, 391);
    assertTrue(table.lrAt(0) > 0, name + " starts at " + table.lrAt(0));
    assertTrue(s.toString().startsWith(name + "("), s.toString());
    for (String key : settings("schedule.type = " + name).parameters().asMap().keySet()) {
      // plain cosine annealing has no restart parameters; the warm-restarts variant prints them instead
      boolean notApplicable =
          name.equals("cosine") && (key.equals("t-0") || key.equals("t-mult") || key.equals("warm-restarts"));
      assertTrue(notApplicable || s.toString().contains(key + "="), s + " lacks " + key);
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void shouldSurviveJavaSerializationWithEveryWrapper(String name) throws Exception {
    LearningRateSchedule s =
        build(4, "schedule.type = " + name, "schedule.warmup.steps = 100", "schedule.linear-scaling.enabled = true");
    LearningRateSchedule copy = SerializationSupport.roundTrip(s);
    assertEquals(s, copy);
    assertEquals(s.toString(), copy.toString());
    assertEquals(s.lr(7, 123, 391), copy.lr(7, 123, 391), 0);
    // and unwrapped
    LearningRateSchedule plain = type(name);
    assertEquals(plain, SerializationSupport.roundTrip(plain));
  }

  @Test
  void shouldSerializeTheWarmRestartsVariant() throws Exception {
    LearningRateSchedule s = type("cosine", "schedule.cosine.warm-restarts = true");
    assertInstanceOf(CosineWarmRestartsSchedule.class, s);
    assertTrue(s.toString().contains("t-0=10") && s.toString().contains("t-mult=2"), s.toString());
    assertEquals(s, SerializationSupport.roundTrip(s));
  }

  @Test
  void shouldResolveTheTutorialsFiveFromReferenceConf() {
    assertEquals(new TimeBasedDecaySchedule(0.1, 0.001), type("standard"));
    assertEquals(new StepDecaySchedule(0.1, 0.25, 15, false), type("step"));
    assertEquals(PolynomialDecaySchedule.linear(0.1, 100), type("linear"));
    assertEquals(PolynomialDecaySchedule.poly(0.1, 100, 5), type("poly"));
    // Keras: lr0 / (1 + decay * t) after one epoch of 391 steps, decay = 0.1 / 100
    assertEquals(0.1 / 1.391, type("standard").lr(1, 0, 391), EPS);
  }

  @Test
  void shouldApplyWarmupAndLinearScalingOnlyWhenConfigured() {
    LearningRateSchedule s =
        build(4, "schedule.type = step", "schedule.warmup.epochs = 5", "schedule.linear-scaling.enabled = true");
    assertEquals("step+warmup+linear-scaling", s.name());
    assertTrue(s.toString().contains("linear-scaling(workers=4, warmup-epochs=5"), s.toString());
    assertEquals(0.1 * 0.1, s.lr(0, 0, 391), EPS); // start-factor 0.1, scale factor 1 at t = 0
    assertEquals(0.4, s.lr(5, 0, 391), EPS); // warmups over: 4 * 0.1
  }

  @Test
  void shouldAcceptNumbersAndBooleansGivenAsStrings() {
    // environment overrides arrive as strings
    assertEquals(
        new ExponentialDecaySchedule(0.1, 0.5, true),
        type("exponential", "schedule.exponential.gamma = \"0.5\"", "schedule.exponential.per-step = \"true\""));
  }

  @Test
  void shouldRejectUnknownNamesInBuild() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScheduleRegistry.build("warp", ScheduleParameters.none(), new ScheduleContext(0.1, 100, 391, 1)));
    assertTrue(e.getMessage().startsWith("unknown schedule 'warp'"), e.getMessage());
  }
}
