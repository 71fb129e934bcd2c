package io.lrsched.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RunReportPageTest {

  static RunReportPage.Content content(String resumedFrom) {
    List<EpochMetrics> history = List.of(
        new EpochMetrics(1, 0.1, 2.1, 0.25, 1.9, 0.31, 40, 4),
        new EpochMetrics(2, 0.025, 1.7, 0.38, 1.6, 0.42, 41, 4),
        new EpochMetrics(3, 0.025, 1.5, 0.45, 1.7, 0.40, 39, 4));
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("version", "0.1.0-SNAPSHOT");
    provenance.put("spark master", "local[2]");
    long[][] confusion = {{8, 2, 0}, {1, 7, 2}, {0, 3, 7}};
    return new RunReportPage.Content("step-20260101-000000", "done", provenance, resumedFrom,
        List.of("experiment: name=\"<script>alert(1)</script>\""), Map.of("schedule.type", "step"), 3, history,
        List.of(), confusion, List.of("cat", "dog", "ship"), "Training Loss and Accuracy on pets");
  }

  @Test
  void shouldShowEveryPartWithImagesInlineAndValuesEscaped() {
    String html = RunReportPage.render(content(null));
    Matcher images = Pattern.compile("<img [^>]*src=\"data:image/png;base64,[A-Za-z0-9+/=]+\"").matcher(html);
    int count = 0;
    while (images.find()) {
      count++;
    }
    assertEquals(3, count, "training, lr and confusion plots, all embedded");
    assertFalse(html.contains("<script>"), "settings are escaped, never markup");
    assertTrue(html.contains("&lt;script&gt;"), html);
    assertFalse(html.contains("http://") || html.contains("https://"), "nothing to fetch: opens offline");
    // The best epoch (val_accuracy 0.42) is marked; the classification report holds sklearn's figures for cat:
    // precision 8 / 9, recall 8 / 10.
    assertTrue(html.contains("<tr class=\"best\" title=\"best val_accuracy\"><td>2</td>"), html);
    assertTrue(html.contains("<td class=\"text\">cat</td><td>0.8889</td><td>0.8000</td>"), html);
    assertFalse(html.contains("id=\"resumed\""));
  }

  @Test
  void shouldSayWhereARunResumed() {
    String html = RunReportPage.render(content("checkpoints/epoch-002.zip, continuing with epoch 3"));
    assertTrue(html.contains("Resumed from checkpoints/epoch-002.zip, continuing with epoch 3"), html);
  }
}
