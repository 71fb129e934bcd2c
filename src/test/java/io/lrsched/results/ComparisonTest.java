package io.lrsched.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lrsched.report.AppliedLrCurve;
import io.lrsched.report.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  static RunData run(String id, String schedule, double lr, double... valAccuracy) {
    List<EpochMetrics> history = new ArrayList<>();
    for (int e = 0; e < valAccuracy.length; e++) {
      history.add(new EpochMetrics(e + 1, lr, 2.0 - e * 0.1, 0.3, 1.9 - e * 0.1, valAccuracy[e], 30, 40));
    }
    return new RunData(id, "file:/runs/" + id,
        Map.of("experiment.name", id, "schedule.type", schedule, "training.lr", Double.toString(lr),
            "training.epochs", "2", "output.dir", "runs"),
        history, AppliedLrCurve.perEpoch(history), 61, "done");
  }

  @Test
  void shouldRankByFinalValAccuracyAndNameRunsByWhatDiffers() {
    Comparison c = Comparison.of(List.of(
        run("none-1", "none", 0.1, 0.30, 0.35),
        run("step-1", "step", 0.1, 0.31, 0.42),
        run("poly-1", "poly", 0.1, 0.45, 0.40)));
    assertEquals(List.of("schedule.type"), c.keys());
    assertEquals(List.of("schedule.type=step", "schedule.type=poly", "schedule.type=none"),
        c.rows().stream().map(Comparison.Row::label).toList());
    assertEquals("""
        run,schedule.type,val_accuracy,best_val_accuracy,best_epoch,val_loss,epochs,wall_seconds,status
        step-1,step,0.4200,0.4200,2,1.8000,2,61.0,done
        poly-1,poly,0.4000,0.4500,1,1.8000,2,61.0,done
        none-1,none,0.3500,0.3500,2,1.8000,2,61.0,done
        """, c.toCsv());
    assertEquals("""
        | run | schedule.type | val_accuracy | best_val_accuracy | best_epoch | val_loss | epochs | wall_time | status |
        |---|---|---|---|---|---|---|---|---|
        | step-1 | step | 0.4200 | 0.4200 | 2 | 1.8000 | 2 | 1m01s | done |
        """, c.toMarkdown().lines().limit(3).map(l -> l + "\n").reduce("", String::concat));
  }

  @Test
  void shouldJoinSeveralDifferencesAndKeepRepeatedSettingsApart() {
    Comparison c = Comparison.of(List.of(
        run("a", "step", 0.1, 0.5), run("b", "step", 0.05, 0.4), run("c", "step", 0.05, 0.3)));
    assertEquals(List.of("training.lr=0.1", "training.lr=0.05 (b)", "training.lr=0.05 (c)"),
        c.rows().stream().map(Comparison.Row::label).toList());
  }
}
