package io.lrsched.bench;

import io.lrsched.checkpoint.Checkpoint;
import io.lrsched.checkpoint.CheckpointStore;
import io.lrsched.model.ModelFile;
import io.lrsched.model.ModelMetadata;
import io.lrsched.model.ResNetSpec;
import io.lrsched.storage.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The cost of one checkpoint as training writes it after an epoch: the model zip (parameters and updater state)
 * serialised, then the checkpoint written to a local folder through {@link CheckpointStore}. The applied-LR rows are
 * those of the tutorial's last epoch (100 epochs of 391 steps, 2 workers), the largest a tutorial checkpoint gets.
 */
public final class CheckpointTiming {

  private static final String LR_ROW = "100,391,1,driver,12345,0.0012345678901234,0.0012345678901234\n";

  private CheckpointTiming() {}

  /**
   * Writes one checkpoint of {@code network} to a temporary folder (removed afterwards) and says what it cost.
   *
   * @param network a trained network: its updater state should be non-zero, as after training (zeros compress away)
   * @param spec its specification (input shape and layout for the model's metadata)
   * @return one line: sizes, and wall and CPU seconds of serialising and of writing
   */
  public static String measure(ComputationGraph network, ResNetSpec spec) {
    ModelMetadata metadata = ModelMetadata.unitScaled(Collections.nCopies(spec.classes(), "class"), spec.height(),
        spec.width(), spec.channels(), spec.dataFormat() == CNN2DFormat.NHWC);
    Path dir = null;
    try {
      dir = Files.createTempDirectory("lrsched-bench-checkpoint");
      CheckpointStore store = new CheckpointStore(RunFolder.at(dir.toUri().toString()), 1);
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      long c0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      byte[] zip = ModelFile.toZip(network, metadata);
      long c1 = cpu.getCurrentThreadCpuTime();
      long t1 = System.nanoTime();
      CheckpointStore.Written written = store.write(
          new Checkpoint(100, 391, 2, 100, Optional.empty(), 1, 0.5, "", LR_ROW.repeat(100 * 391 * 2), zip));
      long c2 = cpu.getCurrentThreadCpuTime();
      long t2 = System.nanoTime();
      return String.format(Locale.ROOT, "checkpoint: model.zip %.3f MB, checkpoint %.3f MB; serialise %.2f s"
              + " (cpu %.2f s), write %.2f s (cpu %.2f s), local disk", zip.length / 1e6, written.bytes() / 1e6,
          (t1 - t0) / 1e9, (c1 - c0) / 1e9, (t2 - t1) / 1e9, (c2 - c1) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is harmless; the measurement stands.
    }
  }
}
