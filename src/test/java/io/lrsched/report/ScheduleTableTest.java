package io.lrsched.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lrsched.schedule.ScheduleCurve;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleTableTest {

  private static ScheduleCurve curve(double[] epochLr, double[] stepLr) {
    return new ScheduleCurve(epochLr.length, stepLr.length / epochLr.length, epochLr, stepLr);
  }

  @Test
  void shouldWriteOneColumnPerScheduleInTheGivenOrder() {
    Map<String, ScheduleCurve> curves = new LinkedHashMap<>();
    curves.put("step", curve(new double[] {0.1, 0.025}, new double[] {0.1, 0.1, 0.025, 0.025}));
    curves.put("standard", curve(new double[] {0.1, 0.05}, new double[] {0.1, 0.075, 0.05, 0.04}));
    ScheduleTable table = new ScheduleTable(curves);
    assertEquals("epoch,step,standard\n0,0.1,0.1\n1,0.025,0.05\n", table.epochCsv());
    assertEquals(
        "epoch,epoch_step,global_step,step,standard\n0,0,0,0.1,0.1\n0,1,1,0.1,0.075\n1,0,2,0.025,0.05\n1,1,3,0.025,0.04\n",
        table.stepCsv());
  }

  @Test
  void shouldRejectCurvesOfDifferentLengths() {
    Map<String, ScheduleCurve> curves = new LinkedHashMap<>();
    curves.put("a", curve(new double[] {0.1}, new double[] {0.1, 0.1}));
    curves.put("b", curve(new double[] {0.1, 0.1}, new double[] {0.1, 0.1, 0.1, 0.1}));
    assertThrows(IllegalArgumentException.class, () -> new ScheduleTable(curves));
    assertThrows(IllegalArgumentException.class, () -> new ScheduleTable(Map.of()));
  }
}
