package io.lrsched.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.schedule.PlateauState;
import io.lrsched.storage.RunFolder;
import io.lrsched.storage.StorageException;
import io.lrsched.storage.WriteFence;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

  @TempDir Path dir;
  private RunFolder folder;

  @BeforeEach
  void openFolder() {
    folder = RunFolder.at(dir.resolve("run").toString());
  }

  private static Checkpoint checkpoint(int epochs) {
    return new Checkpoint(epochs, 16, 2, 10,
        Optional.of(new PlateauState(0.05, Double.POSITIVE_INFINITY, 1, 2, epochs - 1)), epochs, 0.5 + epochs / 100.0,
        "metrics " + epochs + "\n", "lr rows " + epochs + "\n", ("model bytes of epoch " + epochs).getBytes(
            StandardCharsets.UTF_8));
  }

  @Test
  void shouldReadBackEveryFieldOfTheNewestCheckpoint() {
    CheckpointStore store = new CheckpointStore(folder, 2);
    store.write(checkpoint(1));
    store.write(checkpoint(2));
    Checkpoint read = store.newest(w -> { throw new AssertionError(w); }).orElseThrow();
    Checkpoint expected = checkpoint(2);
    assertEquals(2, read.epochs());
    assertEquals(16, read.stepsPerEpoch());
    assertEquals(2, read.workers());
    assertEquals(10, read.scheduleEpochs());
    assertEquals(expected.scheduleState(), read.scheduleState(), "+inf best survives the text form");
    assertEquals(2, read.bestEpoch());
    assertEquals(0.52, read.bestValAccuracy(), 0.0);
    assertEquals("metrics 2\n", read.metricsCsv());
    assertEquals("lr rows 2\n", read.lrAppliedCsv());
    assertArrayEquals(expected.model(), read.model());
  }

  @Test
  void shouldKeepTheNewestCheckpointsAndDeleteOlderOnes() {
    CheckpointStore store = new CheckpointStore(folder, 2);
    for (int e = 1; e <= 3; e++) {
      store.write(checkpoint(e));
    }
    assertFalse(folder.exists("checkpoints/epoch-0001"), "beyond keep-checkpoints = 2");
    assertTrue(folder.exists("checkpoints/epoch-0002/model.zip"));
    String manifest = folder.readText(CheckpointStore.MANIFEST);
    assertTrue(manifest.indexOf("checkpoint epoch-0003") < manifest.indexOf("checkpoint epoch-0002"), manifest);
    assertFalse(manifest.contains("epoch-0001"), manifest);
  }

  @Test
  void shouldSkipATruncatedNewestCheckpointNamingTheFile() throws IOException {
    CheckpointStore store = new CheckpointStore(folder, 2);
    store.write(checkpoint(1));
    store.write(checkpoint(2));
    Path model = dir.resolve("run/checkpoints/epoch-0002/model.zip");
    try (FileChannel channel = FileChannel.open(model, StandardOpenOption.WRITE)) {
      channel.truncate(5);
    }
    List<String> warnings = new ArrayList<>();
    Checkpoint read = store.newest(warnings::add).orElseThrow();
    assertEquals(1, read.epochs());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains(model.toUri().getPath()) && warnings.get(0).contains("has 5 bytes"),
        warnings.get(0));
  }

  @Test
  void shouldDetectSameSizeCorruptionByChecksum() throws IOException {
    CheckpointStore store = new CheckpointStore(folder, 2);
    store.write(checkpoint(1));
    store.write(checkpoint(2));
    Path state = dir.resolve("run/checkpoints/epoch-0002/metrics.csv");
    Files.writeString(state, "metrics 9\n");
    List<String> warnings = new ArrayList<>();
    assertEquals(1, store.newest(warnings::add).orElseThrow().epochs());
    assertTrue(warnings.get(0).contains("SHA-256"), warnings.toString());
  }

  @Test
  void shouldFailWhenNoCheckpointIsIntactAndFindNoneWithoutAManifest() throws IOException {
    CheckpointStore store = new CheckpointStore(folder, 1);
    assertTrue(store.newest(w -> { }).isEmpty(), "nothing written yet");
    store.write(checkpoint(1));
    Files.delete(dir.resolve("run/checkpoints/epoch-0001/state.properties"));
    StorageException e = assertThrows(StorageException.class, () -> store.newest(w -> { }));
    assertTrue(e.getMessage().contains("no intact checkpoint"), e.getMessage());
  }

  @Test
  void shouldDropNewerCheckpointsOfAnAbandonedContinuation() {
    CheckpointStore store = new CheckpointStore(folder, 3);
    for (int e = 1; e <= 3; e++) {
      store.write(checkpoint(e));
    }
    // Resumed from epoch 1 (say epochs 2 and 3 were damaged): the new epoch 2 replaces both later ones.
    store.write(checkpoint(2));
    String manifest = folder.readText(CheckpointStore.MANIFEST);
    assertFalse(manifest.contains("epoch-0003"), manifest);
    assertFalse(folder.exists("checkpoints/epoch-0003"));
    assertEquals(2, store.newest(w -> { }).orElseThrow().epochs());
  }

  /** A fence of a fixed generation whose checks always pass: the worst case, a writer paused after its check. */
  private static WriteFence generation(long g) {
    return new WriteFence() {
      @Override
      public long generation() {
        return g;
      }

      @Override
      public void check() {
        // passes, as for a holder that checked just before another invocation took over
      }
    };
  }

  @Test
  void shouldNeverLetAStaleGenerationDeleteOrHideANewerOnesCheckpoints() throws Exception {
    CheckpointStore first = new CheckpointStore(folder.fencedBy(generation(1)), 2);
    first.write(checkpoint(1));
    first.write(checkpoint(2));
    CheckpointStore second = new CheckpointStore(folder.fencedBy(generation(2)), 2);
    assertEquals(2, second.newest(w -> { }).orElseThrow().epochs(), "the takeover resumes from epoch 2");
    second.write(checkpoint(3));
    second.write(checkpoint(4));
    java.util.Map<String, String> newer = contents("epoch-0003-g000002", "epoch-0004-g000002");

    // The first holder wakes and writes on, with its own (different) models, far past the second's progress.
    for (int e = 3; e <= 5; e++) {
      Checkpoint c = checkpoint(e);
      first.write(new Checkpoint(e, c.stepsPerEpoch(), c.workers(), c.scheduleEpochs(), c.scheduleState(),
          c.bestEpoch(), c.bestValAccuracy(), "stale " + e + "\n", c.lrAppliedCsv(), ("stale " + e).getBytes(
              StandardCharsets.UTF_8)));
    }

    assertEquals(newer, contents("epoch-0003-g000002", "epoch-0004-g000002"), "the newer generation's files");
    Checkpoint newest = second.newest(w -> { throw new AssertionError(w); }).orElseThrow();
    assertEquals(4, newest.epochs(), "the newest generation's newest checkpoint, not the stale epoch 5");
    assertEquals("metrics 4\n", newest.metricsCsv());
    // Once the second writes again, the stale generation's manifests are cleared away.
    second.write(checkpoint(5));
    assertEquals(List.of("manifest-g000002-e0005.txt"), Files.list(dir.resolve("run/checkpoints"))
        .map(p -> p.getFileName().toString()).filter(n -> n.startsWith("manifest")).toList());
    assertEquals(5, second.newest(w -> { }).orElseThrow().epochs());
  }

  private java.util.Map<String, String> contents(String... checkpoints) throws IOException {
    java.util.Map<String, String> contents = new java.util.TreeMap<>();
    for (String c : checkpoints) {
      try (var files = Files.list(dir.resolve("run/checkpoints").resolve(c))) {
        for (Path f : files.toList()) {
          contents.put(c + "/" + f.getFileName(), Files.readString(f, StandardCharsets.ISO_8859_1));
        }
      }
    }
    assertEquals(4 * checkpoints.length, contents.size(), contents.keySet().toString());
    return contents;
  }
}
