package io.lrsched.checkpoint;

import io.lrsched.config.ExperimentSettings;
import io.lrsched.config.SettingsLoader;
import io.lrsched.model.ModelFile;
import io.lrsched.model.ModelMetadata;
import io.lrsched.model.ResNet;
import io.lrsched.storage.RunFolder;
import io.lrsched.train.ModelSpecs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times checkpoints of the full model (reference.conf's ResNet) as the driver writes them after an epoch: the model
 * zip (parameters and a non-zero momentum, as after training) and a 100-epoch lr-applied.csv. Not a test; run by hand
 * (docs/PERFORMANCE.md gives the command and figures): {@code CheckpointBench RUN_FOLDER_URI [REPEATS]}.
 */
public final class CheckpointBench {
  private CheckpointBench() {}

  public static void main(String[] args) {
    ExperimentSettings settings = new SettingsLoader().load(null, List.of());
    ComputationGraph graph = ResNet.init(ModelSpecs.of(settings, 10)); // CIFAR-10's ten classes
    INDArray momentum = graph.getUpdater(true).getStateViewArray();
    momentum.assign(Nd4j.randn(momentum.dataType(), momentum.shape()).muli(0.01)); // zeros would compress to nothing
    ModelMetadata metadata = ModelMetadata.unitScaled(Collections.nCopies(10, "class"), 32, 32, 3, true);
    String lrApplied = "1,390,1,driver,12345,0.0012345678901234,0.0012345678901234\n".repeat(100 * 391 * 2);
    CheckpointStore store = new CheckpointStore(RunFolder.at(args[0]), 2);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    for (int i = 1; i <= repeats; i++) {
      long c0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      byte[] zip = ModelFile.toZip(graph, metadata);
      long t1 = System.nanoTime();
      long c1 = cpu.getCurrentThreadCpuTime();
      CheckpointStore.Written written =
          store.write(new Checkpoint(i, 391, 2, 100, Optional.empty(), 1, 0.5, "", lrApplied, zip));
      long t2 = System.nanoTime();
      long c2 = cpu.getCurrentThreadCpuTime();
      System.out.printf("%d parameters: model.zip %.2f MB, checkpoint %.2f MB; serialise %.2f s (cpu %.2f s),"
              + " write %.2f s (cpu %.2f s)%n", graph.numParams(), zip.length / 1e6, written.bytes() / 1e6,
          (t1 - t0) / 1e9, (c1 - c0) / 1e9, (t2 - t1) / 1e9, (c2 - c1) / 1e9);
    }
  }
}
