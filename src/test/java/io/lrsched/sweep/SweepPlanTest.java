package io.lrsched.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.config.ConfigError;
import io.lrsched.config.SweepLoader;
import io.lrsched.config.SweepSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep files expanded into trials: axes, seeds, random points, ids, and the errors a user can make. */
class SweepPlanTest {

  @TempDir Path dir;

  private SweepPlan plan(String name, String sweepText, String... overrides) throws IOException {
    Files.writeString(dir.resolve("base.conf"), "experiment.name = base\ntraining.epochs = 3\noutput.dir = \""
        + dir.resolve("runs") + "\"\n");
    Path file = dir.resolve(name);
    Files.writeString(file, sweepText);
    return SweepPlan.expand(new SweepLoader().load(file, List.of(overrides)));
  }

  private static Set<String> ids(SweepPlan plan) {
    return plan.trials().stream().map(Trial::id).collect(Collectors.toSet());
  }

  @Test
  void shouldCrossGridAxesWithSeeds() throws IOException {
    SweepPlan p = plan("grid.conf", """
        sweep {
          experiment = base.conf
          grid { "schedule.type" = [none, standard, step, linear, poly], "training.lr" = [0.1, 0.05, 0.01] }
          seeds = [1, 2]
        }
        """);
    assertEquals(30, p.trials().size());
    assertEquals(30, ids(p).size());
    assertEquals(15, p.trials().stream().map(Trial::group).distinct().count());
    assertEquals(dir.resolve("runs") + "/grid", p.folderUri());
    Trial first = p.trials().get(0);
    assertEquals(Map.of("schedule.type", "\"none\"", "training.lr", "0.1"), first.values());
    assertEquals(1, first.seed());
    assertEquals(first.id(), first.settings().name(), "the run is named after the trial");
    assertEquals(dir.resolve("runs") + "/grid/trials/" + first.id(), first.settings().output().dir());
    // Both seeds of one configuration share the group; the seed is set in the experiment itself.
    List<Trial> group = p.trials().stream().filter(t -> t.group().equals(first.group())).toList();
    assertEquals(List.of(1L, 2L), group.stream().map(t -> t.settings().seed()).toList());
  }

  @Test
  void shouldChangeLinkedValuesTogether() throws IOException {
    SweepPlan p = plan("linked.conf", """
        sweep {
          experiment = base.conf
          linked {
            schedule = [
              { "schedule.type" = step, "schedule.step.drop-every" = 2 }
              { "schedule.type" = poly, "schedule.poly.power" = 2 }
              { "schedule.type" = none }
            ]
          }
          grid { "training.lr" = [0.1, 0.01] }
        }
        """);
    assertEquals(6, p.trials().size());
    Trial poly = p.trials().stream().filter(t -> t.settings().schedule().type().equals("poly")).findFirst()
        .orElseThrow();
    assertEquals(2, ((Number) poly.settings().schedule().parameters().asMap().get("power")).intValue());
    Trial step = p.trials().stream().filter(t -> t.settings().schedule().type().equals("step")).findFirst()
        .orElseThrow();
    assertEquals(2, ((Number) step.settings().schedule().parameters().asMap().get("drop-every")).intValue());
  }

  @Test
  void shouldDrawTheSameRandomPointsForTheSameSeed() throws IOException {
    String text = """
        sweep {
          experiment = base.conf
          random {
            samples = 5
            seed = %d
            log-uniform { "training.lr" = [0.001, 0.1] }
            uniform { "training.momentum" = [0.8, 0.95] }
          }
        }
        """;
    SweepPlan a = plan("r1.conf", text.formatted(7));
    SweepPlan b = plan("r2.conf", text.formatted(7));
    SweepPlan c = plan("r3.conf", text.formatted(8));
    assertEquals(5, a.trials().size());
    assertEquals(ids(a), ids(b));
    assertNotEquals(ids(a), ids(c));
    for (Trial t : a.trials()) {
      double lr = t.settings().training().lr();
      double momentum = t.settings().training().momentum();
      assertTrue(lr >= 0.001 && lr < 0.1, "lr " + lr);
      assertTrue(momentum >= 0.8 && momentum < 0.95, "momentum " + momentum);
    }
    // Log-uniform: the draws spread over the decades, not bunched near the top as a uniform draw would be.
    assertTrue(a.trials().stream().anyMatch(t -> t.settings().training().lr() < 0.01)
        || c.trials().stream().anyMatch(t -> t.settings().training().lr() < 0.01));
  }

  @Test
  void shouldSpreadLogUniformDrawsEvenlyOverTheDecades() {
    // log-uniform on [0.001, 0.1): log10(lr) is uniform on [-3, -1), so half the draws fall below 0.01 and a quarter
    // in each half-decade; a uniform draw would put only (0.01 - 0.001) / (0.1 - 0.001) = 9% below 0.01. With 400
    // draws the standard deviation of a fraction near 1/2 is 0.025: the bounds below are 4 of them.
    SweepSettings.RandomAxis axis = new SweepSettings.RandomAxis(
        400, 7, Map.of("training.lr", new SweepSettings.Range(0.001, 0.1, true)));
    List<Double> draws =
        SweepPlan.randomPoints(axis).stream().map(p -> Double.parseDouble(p.get("training.lr"))).toList();
    assertEquals(400, draws.size());
    double belowTenth = draws.stream().filter(lr -> lr < 0.01).count() / 400.0;
    double belowThreeThousandths = draws.stream().filter(lr -> lr < Math.sqrt(0.001 * 0.01)).count() / 400.0;
    assertTrue(Math.abs(belowTenth - 0.5) <= 0.1, "fraction below 0.01: " + belowTenth);
    assertTrue(Math.abs(belowThreeThousandths - 0.25) <= 0.09, "fraction below 10^-2.5: " + belowThreeThousandths);
    assertTrue(draws.stream().allMatch(lr -> lr >= 0.001 && lr < 0.1), draws.toString());
  }

  @Test
  void shouldKeepIdsWhenTheFileIsReorderedOrRespelled() throws IOException {
    SweepPlan a = plan("order-a.conf", """
        sweep {
          experiment = base.conf
          grid { "schedule.type" = [step, poly], "training.lr" = [0.1, 0.01] }
          seeds = [1, 2]
        }
        """);
    SweepPlan b = plan("order-b.conf", """
        sweep {
          seeds = [2, 1]
          grid {
            training { lr = [1e-2, 1e-1] }
            schedule.type = [poly, step]
          }
          experiment = base.conf
        }
        """);
    assertEquals(8, ids(a).size());
    assertEquals(ids(a), ids(b));
  }

  @Test
  void shouldAddAndRemoveTrialsWithoutRenamingTheOthers() throws IOException {
    SweepPlan before = plan("edit.conf", """
        sweep { experiment = base.conf, grid { "schedule.type" = [step, poly] } }
        """);
    SweepPlan after = plan("edit.conf", """
        sweep { experiment = base.conf, grid { "schedule.type" = [step, linear] } }
        """);
    Set<String> kept = new HashSet<>(ids(before));
    kept.retainAll(ids(after));
    assertEquals(1, kept.size(), "the step trial keeps its id");
  }

  @Test
  void shouldGiveNewIdsWhenTheBaseExperimentChanges() throws IOException {
    SweepPlan a = plan("e.conf", "sweep { experiment = base.conf }");
    SweepPlan b = plan("e.conf", "sweep { experiment = base.conf }", "training.epochs=4");
    assertNotEquals(ids(a), ids(b));
    assertEquals(4, b.trials().get(0).settings().training().epochs());
  }

  @Test
  void shouldNameTheTrialAndKeyOfABadValue() {
    ConfigError e = assertThrows(ConfigError.class, () -> plan("bad.conf", """
        sweep { experiment = base.conf, grid { "schedule.type" = [step], "training.lr" = [0.1, -0.5] } }
        """));
    assertTrue(e.getMessage().contains("bad.conf: trial"), e.getMessage());
    assertTrue(e.getMessage().contains("training.lr=-0.5"), e.getMessage());
    assertTrue(e.getMessage().contains("training.lr = -0.5: expected a number > 0"), e.getMessage());
  }

  @Test
  void shouldNameTheTrialOfABadScheduleParameter() {
    ConfigError e = assertThrows(ConfigError.class, () -> plan("badschedule.conf", """
        sweep { experiment = base.conf, linked { s = [ { "schedule.type" = step, "schedule.step.factor" = 2 } ] } }
        """));
    assertTrue(e.getMessage().contains("trial experiment.seed=1, schedule.step.factor=2, schedule.type=\"step\""), e.getMessage());
    assertTrue(e.getMessage().contains("schedule.step.factor = 2: expected a number in (0, 1]"), e.getMessage());
  }

  @Test
  void shouldPlanAdaptiveSeedsAsSeedsOneToMaxWithTheIdsOfAList() throws IOException {
    SweepPlan adaptive = plan("adaptive.conf", """
        sweep { experiment = base.conf, grid { "schedule.type" = [none, step] }, seeds { initial = 3, max = 5 } }
        """);
    assertEquals(10, adaptive.trials().size(), "every seed a group may get is planned");
    assertEquals(3, adaptive.sweep().initialSeeds());
    SweepPlan listed = plan("adaptive.conf", """
        sweep { experiment = base.conf, grid { "schedule.type" = [none, step] }, seeds = [1, 2, 3, 4, 5] }
        """);
    assertEquals(ids(listed), ids(adaptive), "the same trials, the same ids");
    assertEquals(5, listed.sweep().initialSeeds(), "a list runs every seed");
  }

  @Test
  void shouldRejectAdaptiveSeedsThatCannotWork() {
    assertTrue(assertThrows(ConfigError.class, () -> plan("a.conf", "sweep { seeds { initial = 1, max = 5 } }"))
        .getMessage().contains("sweep.seeds.initial = 1: expected an integer >= 2"));
    assertTrue(assertThrows(ConfigError.class, () -> plan("b.conf", "sweep { seeds { initial = 4, max = 3 } }"))
        .getMessage().contains("sweep.seeds.max = 3: expected at least sweep.seeds.initial (4)"));
    assertTrue(assertThrows(ConfigError.class, () -> plan("c.conf", "sweep { seeds { initial = 3, most = 9 } }"))
        .getMessage().contains("sweep.seeds = {\"initial\":3,\"most\":9}: expected a non-empty list"));
  }

  @Test
  void shouldRejectMistakesInTheSweepBlock() {
    assertTrue(assertThrows(ConfigError.class, () -> plan("u.conf", "sweep { grids { a = [1] } }"))
        .getMessage().contains("unknown key 'sweep.grids'"));
    assertTrue(assertThrows(ConfigError.class, () -> plan("s.conf", "sweep { grid { \"experiment.seed\" = [1] } }"))
        .getMessage().contains("use sweep.seeds"));
    assertTrue(assertThrows(ConfigError.class, () -> plan("o.conf", "sweep { grid { \"output.dir\" = [a] } }"))
        .getMessage().contains("output.dir"));
    assertTrue(assertThrows(ConfigError.class,
        () -> plan("d.conf", "sweep { grid { \"training.lr\" = [0.1] }, set { \"training.lr\" = 0.2 } }"))
        .getMessage().contains("a key may vary along one axis only"));
    assertTrue(assertThrows(ConfigError.class, () -> plan("l.conf",
        "sweep { random { samples = 2, log-uniform { \"training.lr\" = [0, 0.1] } } }"))
        .getMessage().contains("0 < low < high"));
    assertTrue(assertThrows(ConfigError.class, () -> plan("x.conf", "training.lr = 0.1"))
        .getMessage().contains("a sweep file holds one block sweep"));
    assertTrue(assertThrows(ConfigError.class, () -> plan("k.conf", "sweep { grid { \"training.lrr\" = [1] } }"))
        .getMessage().contains("unknown key 'training.lrr'"));
    assertTrue(assertThrows(ConfigError.class, () -> plan("h.conf", "sweep { heartbeat = 5m, lease-timeout = 10m }"))
        .getMessage().contains("at most a third"));
    assertTrue(assertThrows(ConfigError.class, () -> plan("dup.conf", "sweep { grid { \"training.lr\" = [0.1, 1e-1] } }"))
        .getMessage().contains("are the same experiment"));
  }

  @Test
  void shouldExpandTheShippedSweepFiles() {
    // The data's location comes from LRSCHED_CIFAR10; any path validates (nothing is read here).
    List<String> data = List.of("data.path=\"/data/cifar10.tar.gz\"");
    Map<String, Integer> expected = Map.of("tutorial", 15, "lr-grid", 45, "quick", 15);
    expected.forEach((name, trials) -> {
      SweepPlan p = SweepPlan.expand(new SweepLoader().load(Path.of("conf/sweeps/" + name + ".conf"), data));
      assertEquals(trials, p.trials().size(), name);
      assertEquals(trials / 3, p.trials().stream().map(Trial::group).distinct().count(), name + ": 3 seeds each");
    });
    SweepPlan quick = SweepPlan.expand(new SweepLoader().load(Path.of("conf/sweeps/quick.conf"), data));
    assertEquals(10, quick.trials().get(0).settings().training().epochs());
    assertEquals(5000, quick.trials().get(0).settings().data().trainSubset());
  }
}
