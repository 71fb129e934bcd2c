package io.lrsched.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry against the real reference.conf. The test (not the package) reads HOCON with typesafe-config,
 * exactly as the config loader will hand it over: {@code getConfig("schedule").root().unwrapped()}.
 */
class ScheduleRegistryTest {
  private static final double EPS = 1e-12;
  private static final ScheduleContext TUTORIAL = new ScheduleContext(0.1, 100, 391, 1);

  /** A fresh, mutable deep copy of the reference {@code schedule} block. */
  private static Map<String, Object> reference() {
    Map<String, Object> block =
        ConfigFactory.parseResources("reference.conf").resolve().getConfig("schedule").root().unwrapped();
    return deepCopy(block);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
    return copy;
  }

  private static Map<String, Object> withType(String type) {
    Map<String, Object> block = reference();
    block.put("type", type);
    return block;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sub(Map<String, Object> block, String name) {
    return (Map<String, Object>) block.get(name);
  }

  private static String error(Map<String, Object> block) {
    return assertThrows(IllegalArgumentException.class, () -> ScheduleRegistry.fromConfig(block, TUTORIAL))
        .getMessage();
  }

  static List<String> names() {
    return ScheduleRegistry.names();
  }

  @Test
  void shouldListEveryScheduleName() {
    assertEquals(
        List.of(
            "none", "standard", "step", "step-aligned", "linear", "poly", "exponential", "multi-step", "piecewise",
            "cosine", "cyclical", "one-cycle", "plateau"),
        ScheduleRegistry.names());
  }

  @Test
  void shouldDefaultToNoSchedule() {
    assertEquals(new ConstantSchedule(0.1), ScheduleRegistry.fromConfig(reference(), TUTORIAL));
  }

  @ParameterizedTest
  @MethodSource("names")
  void shouldDefineEveryParameterOfEveryScheduleInReferenceConf(String name) {
    Object block = reference().get(name);
    Set<String> keys =
        block == null ? Set.of() : new TreeSet<>(((Map<?, ?>) block).keySet().stream().map(String::valueOf).toList());
    assertEquals(new TreeSet<>(ScheduleRegistry.parameters(name)), keys);
  }

  @ParameterizedTest
  @MethodSource("names")
  void shouldBuildEveryScheduleFromReferenceConfAndPrintItsParameters(String name) {
    LearningRateSchedule s = ScheduleRegistry.fromConfig(withType(name), TUTORIAL);
    assertEquals(name, s.name());
    EpochLrTable table = EpochLrTable.of(s, 0, 391);
    assertTrue(table.lrAt(0) > 0, name + " starts at " + table.lrAt(0));
    assertTrue(s.toString().startsWith(name + "("), s.toString());
    for (String key : ScheduleRegistry.parameters(name)) {
      // plain cosine annealing has no restart parameters; the warm-restarts variant prints them instead
      boolean notApplicable =
          name.equals("cosine") && (key.equals("t-0") || key.equals("t-mult") || key.equals("warm-restarts"));
      assertTrue(notApplicable || s.toString().contains(key + "="), s + " lacks " + key);
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void shouldSurviveJavaSerializationWithEveryWrapper(String name) throws Exception {
    Map<String, Object> block = withType(name);
    sub(block, "warmup").put("steps", 100);
    sub(block, "linear-scaling").put("enabled", true);
    LearningRateSchedule s = ScheduleRegistry.fromConfig(block, new ScheduleContext(0.1, 100, 391, 4));
    LearningRateSchedule copy = SerializationSupport.roundTrip(s);
    assertEquals(s, copy);
    assertEquals(s.toString(), copy.toString());
    assertEquals(s.lr(7, 123, 391), copy.lr(7, 123, 391), 0);
    // and unwrapped
    LearningRateSchedule plain = ScheduleRegistry.fromConfig(withType(name), TUTORIAL);
    assertEquals(plain, SerializationSupport.roundTrip(plain));
  }

  @Test
  void shouldSerializeTheWarmRestartsVariant() throws Exception {
    Map<String, Object> block = withType("cosine");
    sub(block, "cosine").put("warm-restarts", true);
    LearningRateSchedule s = ScheduleRegistry.fromConfig(block, TUTORIAL);
    assertInstanceOf(CosineWarmRestartsSchedule.class, s);
    assertTrue(s.toString().contains("t-0=10") && s.toString().contains("t-mult=2"), s.toString());
    assertEquals(s, SerializationSupport.roundTrip(s));
  }

  @Test
  void shouldResolveTheTutorialsFiveFromReferenceConf() {
    assertEquals(new TimeBasedDecaySchedule(0.1, 0.001), ScheduleRegistry.fromConfig(withType("standard"), TUTORIAL));
    assertEquals(new StepDecaySchedule(0.1, 0.25, 15, false), ScheduleRegistry.fromConfig(withType("step"), TUTORIAL));
    assertEquals(PolynomialDecaySchedule.linear(0.1, 100), ScheduleRegistry.fromConfig(withType("linear"), TUTORIAL));
    assertEquals(PolynomialDecaySchedule.poly(0.1, 100, 5), ScheduleRegistry.fromConfig(withType("poly"), TUTORIAL));
    LearningRateSchedule standard = ScheduleRegistry.fromConfig(withType("standard"), TUTORIAL);
    assertEquals(0.1 / 1.391, standard.lr(1, 0, 391), EPS);
  }

  @Test
  void shouldApplyWarmupAndLinearScalingOnlyWhenConfigured() {
    Map<String, Object> block = withType("step");
    sub(block, "warmup").put("epochs", 5);
    sub(block, "linear-scaling").put("enabled", true);
    LearningRateSchedule s = ScheduleRegistry.fromConfig(block, new ScheduleContext(0.1, 100, 391, 4));
    assertEquals("step+warmup+linear-scaling", s.name());
    assertTrue(s.toString().contains("linear-scaling(workers=4, warmup-epochs=5"), s.toString());
    assertEquals(0.1 * 0.1, s.lr(0, 0, 391), EPS); // start-factor 0.1, scale factor 1 at t = 0
    assertEquals(0.4, s.lr(5, 0, 391), EPS); // warmups over: 4 * 0.1
  }

  @Test
  void shouldAcceptNumbersAndBooleansGivenAsStrings() {
    // environment overrides arrive as strings
    Map<String, Object> block = withType("exponential");
    sub(block, "exponential").put("gamma", "0.5");
    sub(block, "exponential").put("per-step", "true");
    assertEquals(new ExponentialDecaySchedule(0.1, 0.5, true), ScheduleRegistry.fromConfig(block, TUTORIAL));
  }

  @Test
  void shouldNameTheFullKeyValueAndAllowedRangeInErrors() {
    Map<String, Object> b1 = withType("step");
    sub(b1, "step").put("factor", 1.5);
    assertEquals("schedule.step.factor = 1.5: must be a number in (0, 1]", error(b1));

    Map<String, Object> b2 = withType("step");
    sub(b2, "step").put("factor", "a lot");
    assertTrue(error(b2).startsWith("schedule.step.factor = \"a lot\": must be"), error(b2));

    Map<String, Object> b3 = withType("step");
    sub(b3, "step").put("drop-every", 2.5);
    assertEquals("schedule.step.drop-every = 2.5: must be an integer >= 1", error(b3));

    Map<String, Object> b4 = withType("poly");
    sub(b4, "poly").put("powr", 2);
    assertEquals("schedule.poly.powr = 2: unknown parameter; allowed: max-epochs, power", error(b4));

    Map<String, Object> b5 = withType("step");
    sub(b5, "step").remove("factor");
    assertTrue(error(b5).startsWith("schedule.step.factor is missing"), error(b5));

    assertTrue(
        error(withType("cosine-ish")).startsWith("schedule.type = \"cosine-ish\": must be one of none, standard"));

    Map<String, Object> b6 = withType("plateau");
    sub(b6, "plateau").put("mode", "lowest");
    assertEquals("schedule.plateau.mode = \"lowest\": must be one of min, max", error(b6));

    Map<String, Object> b7 = withType("none");
    sub(b7, "warmup").put("epochs", 2);
    sub(b7, "warmup").put("steps", 10);
    assertTrue(error(b7).startsWith("schedule.warmup.epochs = 2 and schedule.warmup.steps = 10"), error(b7));

    Map<String, Object> b8 = withType("multi-step");
    sub(b8, "multi-step").put("milestones", List.of(50, 40));
    assertTrue(
        error(b8).startsWith("schedule.multi-step.milestones = [50, 40]: must be strictly increasing"), error(b8));

    Map<String, Object> b9 = withType("piecewise");
    sub(b9, "piecewise").put("values", List.of(0.1));
    assertTrue(error(b9).startsWith("schedule.piecewise.values = [0.1]: must hold one more"), error(b9));

    Map<String, Object> b10 = withType("cyclical");
    sub(b10, "cyclical").put("base-lr", 0.2); // above max-lr = auto = lr0 = 0.1
    assertTrue(error(b10).startsWith("schedule.cyclical.max-lr = auto resolves to 0.1"), error(b10));

    Map<String, Object> b11 = withType("none");
    b11.put("shedule", Map.of());
    assertTrue(error(b11).startsWith("schedule.shedule = {}: unknown parameter"), error(b11));

    Map<String, Object> b12 = withType("one-cycle");
    sub(b12, "one-cycle").put("three-phase", "maybe");
    assertEquals("schedule.one-cycle.three-phase = \"maybe\": must be true or false", error(b12));
  }

  @Test
  void shouldRejectUnknownNamesInBuild() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ScheduleRegistry.build("warp", new HashMap<>(), TUTORIAL));
    assertTrue(e.getMessage().startsWith("schedule.type = \"warp\": unknown schedule; allowed: none"), e.getMessage());
  }
}
