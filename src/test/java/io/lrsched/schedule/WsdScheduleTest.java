package io.lrsched.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.config.ConfigError;
import io.lrsched.config.ScheduleSettings;
import io.lrsched.config.SettingsLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Warmup-stable-decay against Hugging Face transformers' {@code _get_wsd_scheduler_lambda}, re-typed in Python from
 * its definition and evaluated at lr0 = 0.1 with 10 steps per epoch and phases of 2, 3 and 5 epochs (20, 30 and 50
 * steps), at global steps 0, 5, 13, 19, 20, 35, 49, 50, 57, 63, 75, 99, 100 and 130.
 */
class WsdScheduleTest {
  private static final double EPS = 1e-15;
  private static final int SPE = 10;
  private static final int[] STEPS = {0, 5, 13, 19, 20, 35, 49, 50, 57, 63, 75, 99, 100, 130};

  private static void assertFollows(double[] expected, LearningRateSchedule s) {
    for (int i = 0; i < STEPS.length; i++) {
      int t = STEPS[i];
      assertEquals(expected[i], s.lr(t / SPE, t % SPE, SPE), EPS, "t = " + t);
    }
  }

  @Test
  void shouldFollowHuggingFacesLinearWarmupAndHalfCosineDecay() {
    assertFollows(
        new double[] {0.0, 0.025, 0.065, 0.095, 0.1, 0.1, 0.1, 0.1, 0.09524135262330098, 0.08422735529643444,
            0.05, 9.866357858642206e-05, 0.0, 0.0},
        new WsdSchedule(0.1, 2, 3, 5, "linear", "cosine", 0.0, 0.5));
  }

  @Test
  void shouldFollowHuggingFacesCosineWarmupAndLinearDecayAboveTheMinimumRatio() {
    assertFollows(
        new double[] {0.010000000000000002, 0.02318019484660536, 0.07542957248827961, 0.0994459753267812, 0.1, 0.1,
            0.1, 0.1, 0.0874, 0.0766, 0.05500000000000001, 0.011800000000000003, 0.010000000000000002,
            0.010000000000000002},
        new WsdSchedule(0.1, 2, 3, 5, "cosine", "linear", 0.1, 0.5));
  }

  @Test
  void shouldFollowHuggingFacesOneMinusSqrtShapes() {
    assertFollows(
        new double[] {0.010000000000000002, 0.022057713659400527, 0.04675528195210346, 0.0798753882025019, 0.1, 0.1,
            0.1, 0.1, 0.06632508351903453, 0.054108824377664934, 0.03636038969321072, 0.010904545570495009,
            0.010000000000000002, 0.010000000000000002},
        new WsdSchedule(0.1, 2, 3, 5, "1-sqrt", "1-sqrt", 0.1, 0.5));
  }

  @Test
  void shouldFollowHuggingFacesCosineDecayWithMoreThanHalfAWave() {
    // num_cycles = 1.25: the cosine goes past its trough and comes back up before the decay ends
    assertFollows(
        new double[] {0.0, 0.025, 0.065, 0.095, 0.1, 0.1, 0.1, 0.1, 0.07269952498697733, 0.027300475013022664,
            0.014644660940672617, 0.05782172325201156, 0.0, 0.0},
        new WsdSchedule(0.1, 2, 3, 5, "linear", "cosine", 0.0, 1.25));
  }

  private static ScheduleSettings settings(String... overrides) {
    return new SettingsLoader().load(null, List.of(overrides), false).schedule();
  }

  @Test
  void shouldFillTheStablePhaseWithWhatTheTrainingEpochsLeaveAndAgainForAnotherLength() {
    ScheduleSettings s = settings("training.epochs = 10", "schedule.type = wsd", "schedule.wsd.warmup-epochs = 2",
        "schedule.wsd.decay-epochs = 5", "schedule.wsd.min-lr-ratio = 0");
    assertEquals(3.0, s.parameters().asMap().get("stable-epochs")); // 10 - 2 - 5
    assertEquals(new WsdSchedule(0.1, 2, 3, 5, "linear", "cosine", 0.0, 0.5),
        ScheduleRegistry.build("wsd", s.parameters(), new ScheduleContext(0.1, 10, SPE, 1)));
    // a run resumed to train longer asks for its schedule over 12 epochs: stable = 12 - 2 - 5
    assertEquals(new WsdSchedule(0.1, 2, 5, 5, "linear", "cosine", 0.0, 0.5),
        ScheduleRegistry.build("wsd", s.parameters(), new ScheduleContext(0.1, 12, SPE, 1)));
  }

  @Test
  void shouldRejectPhasesLongerThanTheTraining() {
    ConfigError e = assertThrows(ConfigError.class, () -> settings("training.epochs = 10", "schedule.type = wsd"));
    // reference.conf: warmup 5 + decay 20 epochs leave 10 - 25 = -15 for the stable phase
    assertTrue(e.getMessage().contains(
        "schedule.wsd.stable-epochs = \"auto\": expected a number of epochs >= 0 (auto resolves to -15.0)"),
        e.getMessage());
    assertTrue(assertThrows(ConfigError.class, () -> settings("schedule.type = wsd", "schedule.wsd.decay-type = sqrt"))
        .getMessage().contains("schedule.wsd.decay-type = \"sqrt\": expected one of 1-sqrt, cosine, linear"));
  }
}
