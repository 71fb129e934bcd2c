package io.lrsched.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppliedLrCurveTest {

  @Test
  void shouldDrawAPerEpochDropAsAStepNotARamp() {
    // Two epochs of 4 steps: 0.1 throughout epoch 1, 0.025 throughout epoch 2 (the step schedule's drop).
    String csv = """
        epoch,step,worker,executor,pid,lr,expected_lr
        1,0,0,driver,1,0.1,0.1
        1,0,1,driver,1,0.1,0.1
        1,1,0,driver,1,0.1,0.1
        1,2,0,driver,1,0.1,0.1
        1,3,0,driver,1,0.1,0.1
        2,0,0,driver,1,0.025,0.025
        2,1,0,driver,1,0.025,0.025
        2,2,0,driver,1,0.025,0.025
        2,3,0,driver,1,0.025,0.025
        """;
    PlotSeries s = AppliedLrCurve.staircase("lr", AppliedLrCurve.parseCsv(csv));
    // Flat across epoch 1 (x 0..1), vertical at x = 1, flat across epoch 2 (x 1..2).
    assertArrayEquals(new double[] {0, 1, 1, 2}, s.x(), 1e-12);
    assertArrayEquals(new double[] {0.1, 0.1, 0.025, 0.025}, s.y(), 1e-12);
  }

  @Test
  void shouldShowChangesWithinAnEpochStepByStep() {
    List<AppliedLrCurve.Step> steps = List.of(
        new AppliedLrCurve.Step(1, 0, 0.1), new AppliedLrCurve.Step(1, 1, 0.1),
        new AppliedLrCurve.Step(1, 2, 0.05), new AppliedLrCurve.Step(1, 3, 0.04));
    PlotSeries s = AppliedLrCurve.staircase("lr", steps);
    assertArrayEquals(new double[] {0, 0.5, 0.5, 0.75, 0.75, 1}, s.x(), 1e-12);
    assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05, 0.04, 0.04}, s.y(), 1e-12);
  }

  @Test
  void shouldNameTheLineOfABadCsvRow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AppliedLrCurve.parseCsv("epoch,step,lr\n1,0,0.1\n1,x,0.1\n"));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AppliedLrCurve.parseCsv("epoch,step\n1,0\n"));
  }

  @Test
  void shouldOfferALogAxisOnlyWhenRatesSpanDecades() {
    PlotSeries flat = new PlotSeries("a", new double[] {0, 1}, new double[] {0.1, 0.025});
    PlotSeries decaying = new PlotSeries("b", new double[] {0, 1}, new double[] {0.1, 1e-4});
    assertFalse(AppliedLrCurve.spansDecades(List.of(flat)));
    assertTrue(AppliedLrCurve.spansDecades(List.of(flat, decaying)));
  }

  @Test
  void shouldWriteTickLabelsAsPeopleWriteNumbers() {
    assertEquals("0.09", ChartPng.tickLabel(0.09));
    assertEquals("0.1", ChartPng.tickLabel(0.1));
    assertEquals("0.3", ChartPng.tickLabel(0.30000000000000004));
    assertEquals("2.5", ChartPng.tickLabel(2.5));
    assertEquals("100", ChartPng.tickLabel(100.0));
    assertEquals("0", ChartPng.tickLabel(0.0));
    assertEquals("-0.05", ChartPng.tickLabel(-0.05));
    assertEquals("1e-05", ChartPng.tickLabel(1e-5));
    assertEquals("2.5e-07", ChartPng.tickLabel(2.5e-7));
    assertEquals("1e+06", ChartPng.tickLabel(1e6));
  }
}
