package io.lrsched.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {
  private static final double EPS = 1e-12;

  /** Rows: actual cat, dog, bird; columns: predicted. Bird is predicted 3 times but never correctly. */
  private static final long[][] CONFUSION = {
    {8, 2, 0},
    {1, 6, 3},
    {2, 2, 0},
  };

  private static final List<String> NAMES = List.of("cat", "dog", "bird");

  @Test
  void shouldComputePerClassMetricsByHand() {
    ClassificationReport report = ClassificationReport.fromConfusionMatrix(CONFUSION, NAMES);

    ClassMetrics cat = report.classes().get(0);
    assertEquals(8.0 / 11, cat.precision(), EPS);
    assertEquals(0.8, cat.recall(), EPS);
    assertEquals(16.0 / 21, cat.f1(), EPS);
    assertEquals(10, cat.support());
    ClassMetrics dog = report.classes().get(1);
    assertEquals(0.6, dog.precision(), EPS);
    assertEquals(0.6, dog.recall(), EPS);
    assertEquals(0.6, dog.f1(), EPS);
    ClassMetrics bird = report.classes().get(2);
    assertEquals(new ClassMetrics("bird", 0, 0, 0, 4), bird);
    assertEquals(14.0 / 24, report.accuracy(), EPS);
    assertEquals(24, report.support());
  }

  @Test
  void shouldAverageMacroUnweightedAndWeightedBySupport() {
    ClassificationReport report = ClassificationReport.fromConfusionMatrix(CONFUSION, NAMES);

    ClassMetrics macro = report.macroAvg();
    assertEquals((8.0 / 11 + 0.6) / 3, macro.precision(), EPS);
    assertEquals((0.8 + 0.6) / 3, macro.recall(), EPS);
    assertEquals((16.0 / 21 + 0.6) / 3, macro.f1(), EPS);
    ClassMetrics weighted = report.weightedAvg();
    assertEquals((8.0 / 11 * 10 + 0.6 * 10) / 24, weighted.precision(), EPS);
    assertEquals(14.0 / 24, weighted.recall(), EPS);
    assertEquals((16.0 / 21 * 10 + 0.6 * 10) / 24, weighted.f1(), EPS);
    assertEquals(24, weighted.support());
  }

  @Test
  void shouldLayOutTextExactlyLikeScikitLearn() {
    // Expected text produced by scikit-learn's own format strings (Python) for the same numbers.
    String expected =
        "              precision    recall  f1-score   support\n"
            + "\n"
            + "         cat       0.73      0.80      0.76        10\n"
            + "         dog       0.60      0.60      0.60        10\n"
            + "        bird       0.00      0.00      0.00         4\n"
            + "\n"
            + "    accuracy                           0.58        24\n"
            + "   macro avg       0.44      0.47      0.45        24\n"
            + "weighted avg       0.55      0.58      0.57        24\n";

    assertEquals(expected, ClassificationReport.fromConfusionMatrix(CONFUSION, NAMES).toText());
  }

  @Test
  void shouldWidenNameColumnForLongClassNames() {
    int[][] confusion = {{1, 0}, {1, 0}};
    String expected =
        "                   precision    recall  f1-score   support\n"
            + "\n"
            + "a-very-long-class       0.50      1.00      0.67         1\n"
            + "                b       0.00      0.00      0.00         1\n"
            + "\n"
            + "         accuracy                           0.50         2\n"
            + "        macro avg       0.25      0.50      0.33         2\n"
            + "     weighted avg       0.25      0.50      0.33         2\n";

    assertEquals(
        expected, ClassificationReport.fromConfusionMatrix(confusion, List.of("a-very-long-class", "b")).toText());
  }

  @Test
  void shouldWriteNumbersAsCsv() {
    ClassificationReport report = ClassificationReport.fromConfusionMatrix(CONFUSION, NAMES);

    List<String> csv = report.toCsv().lines().toList();
    assertEquals("class,precision,recall,f1_score,support", csv.get(0));
    assertEquals("dog,0.6,0.6,0.6,10", csv.get(2));
    assertEquals("accuracy,,," + (14.0 / 24) + ",24", csv.get(4));
    assertEquals(7, csv.size());
  }

  @Test
  void shouldRejectMatrixThatDoesNotMatchTheNames() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClassificationReport.fromConfusionMatrix(new long[][] {{1, 0}, {0, 1}}, NAMES));

    assertEquals("confusion matrix has 2 rows but there are 3 class names", e.getMessage());
  }

  @Test
  void shouldRoundHalfEvenOnTheBinaryValueLikePython() {
    assertEquals("0.12", PyFormat.fixed(0.125, 2));
    assertEquals("0.14", PyFormat.fixed(0.145, 2));
    assertEquals("0.38", PyFormat.fixed(0.375, 2));
    assertEquals("nan", PyFormat.fixed(Double.NaN, 4));
  }
}
