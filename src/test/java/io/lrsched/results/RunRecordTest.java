package io.lrsched.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRecordTest {

  static RunRecord record(String id, String status, String started, String schedule, double valAccuracy) {
    return new RunRecord("tutorial", id, "file:/runs/" + id, status, started, started, null, schedule,
        Map.of("schedule.type", schedule, "training.epochs", "2"), 2, 2,
        Map.of("epoch", 2.0, "val_accuracy", valAccuracy, "val_loss", Double.NaN), Map.of("epoch", 1.0,
            "val_accuracy", valAccuracy), 12.5, "0.1.0-SNAPSHOT", "abc123", null, null, RunRecord.TEST_SPLIT, Map.of());
  }

  @Test
  void shouldBeOneLineOfJsonThatReadsBack() {
    RunRecord r = record("step-1", RunRecord.DONE, "2026-01-02T03:04:05Z", "step", 0.5);
    String json = r.toJson();
    assertEquals(1, json.lines().count(), "JSON Lines: Spark reads it without multiLine");
    assertTrue(json.contains("\"schedule.type\":\"step\""), json);
    assertTrue(json.contains("\"val_loss\":null"), "NaN is not JSON; it is written as null: " + json);
    assertTrue(json.contains("\"ended\":null"), json);
    assertTrue(json.contains("\"epoch\":2,") && json.contains("\"epoch\":1,"), "epochs are counts: " + json);
    RunRecord back = RunRecord.parse(json);
    assertEquals("step-1", back.id());
    assertEquals("step", back.settings().get("schedule.type"));
    assertEquals(0.5, back.last().get("val_accuracy"));
    assertEquals(2.0, back.last().get("epoch"));
    assertTrue(back.last().get("val_loss").isNaN());
    assertEquals(12.5, back.wallSeconds());
    assertEquals(null, back.ended());
    assertEquals(null, back.resumedFrom());
  }

  @Test
  void shouldKeepTheTestFiguresApartAndReadOlderRecordsAsValidatedOnTheTestSplit() {
    RunRecord r = record("held-out", RunRecord.DONE, "2026-01-02T03:04:05Z", "none", 0.7);
    RunRecord held = new RunRecord(r.name(), r.id(), r.folder(), r.status(), r.started(), r.updated(), r.ended(),
        r.schedule(), r.settings(), r.epochs(), r.epochsDone(), r.last(), r.best(), r.wallSeconds(), r.version(),
        r.commit(), r.resumedFrom(), r.error(), "held out: 0.1 of the training images",
        Map.of("best_epoch", 1.0, "best_test_accuracy", 0.64));
    String json = held.toJson();
    assertTrue(json.contains("\"test\":{\"best_epoch\":1,\"best_test_accuracy\":0.64}"), json);
    assertEquals(held.test(), RunRecord.parse(json).test());
    assertEquals("held out: 0.1 of the training images", RunRecord.parse(json).validation());

    String older = r.toJson().replace("\"test\":{},", "").replace("\"validation\":\"test split\",", "");
    assertFalse(older.contains("validation"), older);
    assertEquals(RunRecord.TEST_SPLIT, RunRecord.parse(older).validation());
    assertEquals(Map.of(), RunRecord.parse(older).test());
  }

  @Test
  void shouldRejectTextThatIsNoRecord() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunRecord.parse("{\"id\":1}"));
    assertFalse(e.getMessage().contains("\n"));
  }
}
