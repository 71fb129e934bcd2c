package io.lrsched.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

class BatchAccuracyTest {

  @Test
  void shouldCountTheImagesTheOutputLayerClassifiesRightFromItsInput() {
    ComputationGraph graph = TinyGraph.create();
    int correct = BatchAccuracy.correct(graph, Map.of("in", TinyGraph.rows(TinyGraph.X, 0, 4)),
        TinyGraph.rows(TinyGraph.LABELS, 0, 4));
    assertEquals(1, correct, "by hand (TinyGraph): only (2, 3) is classified right");
    // the first two alone: both class 0, both predicted 1
    assertEquals(0, BatchAccuracy.correct(graph, Map.of("in", TinyGraph.rows(TinyGraph.X, 0, 2)),
        TinyGraph.rows(TinyGraph.LABELS, 0, 2)));
  }

  @Test
  void shouldSayUnknownWhenTheOutputLayersInputIsMissing() {
    ComputationGraph graph = TinyGraph.create();
    assertEquals(-1, BatchAccuracy.correct(graph, Map.of(), TinyGraph.rows(TinyGraph.LABELS, 0, 4)));
    assertEquals(-1, BatchAccuracy.correct(graph, Map.of("in", TinyGraph.rows(TinyGraph.X, 0, 4)), null));
  }
}
