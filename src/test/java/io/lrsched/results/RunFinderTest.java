package io.lrsched.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFinderTest {

  @TempDir Path dir;

  private void touch(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x");
  }

  @Test
  void shouldFindRunsButNotTheFoldersInsideThem() throws IOException {
    touch("step-1/metrics.csv");
    touch("step-1/checkpoints/epoch-0001/metrics.csv");
    touch("step-1-2/metrics.csv");
    touch("sweep/trials/t0/t0-1/metrics.csv");
    touch("sweep/trials/t0/t0-1/checkpoints/epoch-0002/metrics.csv");
    touch("other/notes.txt");
    assertEquals(List.of("step-1", "step-1-2", "t0-1"),
        RunFinder.find(dir.toString(), "metrics.csv").stream().map(f -> f.name()).toList());
    assertEquals(List.of("step-1"),
        RunFinder.find(dir.resolve("step-1").toString(), "metrics.csv").stream().map(f -> f.name()).toList());
  }
}
