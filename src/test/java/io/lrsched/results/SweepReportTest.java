package io.lrsched.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.report.GroupPlots;
import io.lrsched.storage.RunFolder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepReportTest {

  @TempDir Path dir;

  @Test
  void shouldBandTheMeanOverSeedsWithAStudentTInterval() {
    RunFolder sweep = Fixtures.sweep(dir.toString());
    List<RunData> step = List.of("t00", "t01", "t02").stream()
        .map(t -> RunFinder.find(sweep.fileUri("trials/" + t), "metrics.csv").get(0))
        .map(RunData::read).toList();
    GroupPlots.Band band = SweepReport.band("step", step, m -> m.valAccuracy());
    // Epoch 3: 0.50, 0.53, 0.49: mean 0.5066667, sample SD 0.0208167, t(2, 0.975) = 4.302653 (tables),
    // half-width 4.302653 * 0.0208167 / sqrt(3) = 0.0517113.
    assertArrayEquals(new double[] {1, 2, 3}, band.x());
    assertEquals(0.5066667, band.mean()[2], 1e-6);
    assertEquals(0.5066667 - 0.0517113, band.low()[2], 1e-6);
    assertEquals(0.5066667 + 0.0517113, band.high()[2], 1e-6);
  }

  @Test
  void shouldShowLeaderboardVerdictsCurvesAndStates() {
    RunFolder sweep = Fixtures.sweep(dir.toString());
    SweepReport.write(sweep);
    String html = sweep.readText("report.html");
    assertTrue(html.contains("<td class=\"text\">step</td><td>3</td><td>0.5067 ± 0.0208</td><td>[0.4900, 0.5300]</td>"),
        html);
    // The row of the better group reads +12.3 points, the other row the mirror image, both significant.
    assertTrue(html.contains("<td class=\"better\" title=\"step &gt; none by 12.3 points (95% CI 9.0 to 16.0;"
        + " Holm-adjusted p = 0.0031)\">+12.3 pts [+9.0, +16.0] p=0.00310</td>"), html);
    assertTrue(html.contains("<td class=\"worse\""), html);
    assertTrue(html.contains("-12.3 pts [-16.0, -9.0]"), html);
    assertEquals(4, html.split("src=\"data:image/png;base64,").length - 1, "accuracy, loss, lr and strip plots");
    assertTrue(html.contains("status-waiting\">waiting</span>"), "the trial that never ran is listed: " + html);
  }
}
