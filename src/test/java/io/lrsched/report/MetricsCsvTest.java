package io.lrsched.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MetricsCsvTest {
  private static final List<EpochMetrics> HISTORY =
      List.of(
          new EpochMetrics(1, 0.1, 2.0123456789012345, 0.3141592653589793, 1.7, 0.42, 86.25, 391),
          new EpochMetrics(2, 0.1 * Math.pow(0.25, 1), 1.2203, 0.7384, Double.NaN, 0.6768, 33.0, 391),
          new EpochMetrics(3, 1.0 / 3 * 1e-7, 1e-300, 1.0, Double.POSITIVE_INFINITY, 0.0, 0.0, 0));

  @Test
  void shouldRoundTripEveryDoubleExactly() {
    String csv = MetricsCsv.toCsv(HISTORY);

    assertEquals(HISTORY, MetricsCsv.parse(csv));
  }

  @Test
  void shouldWriteHeaderAndLocaleIndependentNumbers() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      List<String> lines = MetricsCsv.toCsv(HISTORY.subList(0, 1)).lines().toList();

      assertEquals("epoch,lr,loss,accuracy,val_loss,val_accuracy,seconds,steps", lines.get(0));
      assertEquals("1,0.1,2.0123456789012346,0.3141592653589793,1.7,0.42,86.25,391", lines.get(1));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void shouldReadFileWithoutStepsColumnAndWithCrLf() {
    String csv = "epoch,lr,loss,accuracy,val_loss,val_accuracy,seconds\r\n4,0.01,1.5,0.5,nan,0.4,12\r\n";

    assertEquals(List.of(new EpochMetrics(4, 0.01, 1.5, 0.5, Double.NaN, 0.4, 12, 0)), MetricsCsv.parse(csv));
  }

  @Test
  void shouldNameTheLineAndColumnOfABadValue() {
    String csv = MetricsCsv.HEADER + "\n1,0.1,oops,0.5,1,0.4,12,391\n";

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsCsv.parse(csv));

    assertEquals("metrics CSV line 2: loss 'oops' is not a number", e.getMessage());
  }

  @Test
  void shouldRejectAHeaderWithoutARequiredColumn() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MetricsCsv.parse("epoch,lr\n1,0.1\n"));

    assertEquals(true, e.getMessage().startsWith("metrics CSV header lacks column 'loss'"), e.getMessage());
  }
}
