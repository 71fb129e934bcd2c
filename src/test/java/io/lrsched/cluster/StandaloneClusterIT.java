package io.lrsched.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on loopback (a master and two one-core workers, each its own JVM, started by
 * {@code submit/standalone.sh}) runs a two-epoch experiment submitted by {@code submit/cluster.sh} with the
 * application jar, as on a real cluster: the executors get DL4J and ND4J only from {@code target/lrsched.jar}.
 *
 * <p>Checks what local mode cannot show: the steps ran in two executor JVMs other than the driver, each applied the
 * broadcast schedule's learning rate, and the driver wrote a complete run folder.
 */
@Tag("cluster")
class StandaloneClusterIT {

  /** This test's own cluster state, so that a cluster a developer keeps running is left alone. */
  private static final Path CLUSTER = Script.ROOT.resolve("target/it-standalone-cluster");

  private static final Map<String, String> CLUSTER_ENV = Map.of("LRSCHED_CLUSTER_DIR", CLUSTER.toString());

  private static String masterUrl;

  @TempDir static Path scratch;

  @BeforeAll
  static void startCluster() throws Exception {
    assertTrue(Files.isRegularFile(Script.JAR), Script.JAR + " is built by `mvn package` before failsafe runs");
    String out =
        Script.of("submit/standalone.sh", List.of("up", "--workers", "2", "--cores", "1", "--memory", "1g"),
                CLUSTER_ENV)
            .run(scratch.resolve("standalone-up.log"), 300);
    List<String> lines = out.lines().toList();
    masterUrl = lines.get(lines.size() - 1).trim();
    assertTrue(masterUrl.startsWith("spark://127.0.0.1:"), "master URL printed last: " + out);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    // Runs also when startCluster or the test failed; `down` with nothing running is a no-op.
    Script.of("submit/standalone.sh", List.of("down"), CLUSTER_ENV).run(scratch.resolve("standalone-down.log"), 120);
  }

  @Test
  void shouldTrainOnTwoExecutorsWithTheScheduleAppliedAndWriteACompleteRunFolder() throws Exception {
    Submission submission = submit("cluster-it", "step", "schedule.step.drop-every=2");
    Path run = submission.run();
    long driverPid = submission.driverPid();
    List<String> applied = Files.readAllLines(run.resolve("lr-applied.csv"));
    assertEquals("epoch,step,worker,executor,pid,lr,expected_lr", applied.get(0));
    int stepsPerEpoch = 256 / 32;
    assertEquals(1 + 2 * stepsPerEpoch * 2, applied.size(), "2 epochs x 8 steps x 2 workers: " + applied);

    Set<String> executors = new TreeSet<>();
    Set<Long> pids = new TreeSet<>();
    for (String row : applied.subList(1, applied.size())) {
      String[] f = row.split(",");
      executors.add(f[3]);
      pids.add(Long.parseLong(f[4]));
      double lr = Double.parseDouble(f[5]);
      double expectedLr = Double.parseDouble(f[6]);
      // The step schedule drops by 0.25 after every 2 epochs: floor((epoch + 1) / 2) drops, so once before epoch 2.
      double schedule = f[0].equals("1") ? 0.1 : 0.025;
      assertEquals(expectedLr, lr, expectedLr * 1e-9, "applied = broadcast table: " + row);
      assertEquals(schedule, lr, schedule * 1e-9, "applied = step schedule: " + row);
    }
    assertEquals(2, executors.size(), "two executors: " + executors);
    assertFalse(executors.contains("driver"), "no step ran in the driver: " + executors);
    assertEquals(2, pids.size(), "two executor JVMs: " + pids);
    assertFalse(pids.contains(driverPid), "driver pid " + driverPid + " is not an executor's: " + pids);

    List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
    assertEquals(3, metrics.size(), "header and 2 epoch rows: " + metrics);
    assertTrue(Files.readString(run.resolve("classification-report.txt")).contains("weighted avg"));
    assertTrue(Files.readString(run.resolve("config.conf")).contains("drop-every"));
    String provenance = Files.readString(run.resolve("provenance.txt"));
    assertTrue(provenance.contains("spark conf: spark.master=" + masterUrl), provenance);
    assertTrue(provenance.contains("finished:"), provenance);
    for (String png : List.of("training.png", "lr.png")) {
      BufferedImage image = ImageIO.read(run.resolve(png).toFile());
      assertNotNull(image, png + " decodes");
    }
  }

  /**
   * The per-step and adaptive schedules on separate executor JVMs: every row of every step on both executors applied
   * the broadcast value; `standard` is also checked against Keras' formula, lr0 / (1 + decay * t) with decay = lr0 /
   * epochs and t the global steps before this one (the independent formula checks of one-cycle and plateau are in
   * AppliedLrIT, on local[2]).
   */
  @Test
  void shouldApplyPerStepAndAdaptiveSchedulesOnEveryExecutor() throws Exception {
    int stepsPerEpoch = 256 / 32;
    for (String schedule : List.of("standard", "one-cycle", "plateau")) {
      Submission submission = submit("cluster-" + schedule, schedule,
          "schedule.plateau.patience=0", "schedule.plateau.threshold=10", "schedule.plateau.factor=0.5");
      List<String> applied = Files.readAllLines(submission.run().resolve("lr-applied.csv"));
      assertEquals(1 + 2 * stepsPerEpoch * 2, applied.size(), schedule + ": 2 epochs x 8 steps x 2 workers");
      Set<String> executors = new TreeSet<>();
      Set<Double> distinct = new TreeSet<>();
      for (String row : applied.subList(1, applied.size())) {
        String[] f = row.split(",");
        executors.add(f[3]);
        double lr = Double.parseDouble(f[5]);
        double expectedLr = Double.parseDouble(f[6]);
        distinct.add(lr);
        assertEquals(expectedLr, lr, expectedLr * 1e-9, schedule + ": applied = broadcast table: " + row);
        if (schedule.equals("standard")) {
          int t = (Integer.parseInt(f[0]) - 1) * stepsPerEpoch + Integer.parseInt(f[1]);
          double keras = 0.1 / (1 + (0.1 / 2) * t);
          assertEquals(keras, lr, keras * 1e-9, "standard: applied = Keras' decay: " + row);
        }
      }
      assertEquals(2, executors.size(), schedule + ": two executors: " + executors);
      assertFalse(executors.contains("driver"), schedule + ": no step ran in the driver");
      // standard and one-cycle change every step; plateau (patience 0, unbeatable threshold) halves after epoch 1.
      int minimum = schedule.equals("plateau") ? 2 : 2 * stepsPerEpoch;
      assertTrue(distinct.size() >= minimum, schedule + ": the LR changed as scheduled: " + distinct);
    }
  }

  /**
   * Fault 2, executor lost: one executor JVM is killed with SIGKILL in the middle of a training round of the second
   * epoch. Spark re-runs the lost tasks on the other executor (and the worker launches a replacement), the run
   * completes, the console names the lost executor, and lr-applied.csv holds every (epoch, step, worker) exactly once.
   * Six workers on two one-core executors, the victim chosen as {@link ExecutorLoss} says.
   */
  @Test
  void shouldCompleteARunWhoseExecutorIsKilledDuringAnEpoch() throws Exception {
    String name = "cluster-executor-lost";
    int stepsPerEpoch = 384 / 48;
    Running running = start(name, "step",
        Map.of("SPARK_SUBMIT_OPTS", "-Dlog4j.configurationFile=" + ExecutorLoss.schedulerLog(scratch)),
        "training.workers=" + ExecutorLoss.WORKERS, "training.batch-size=48", "data.synthetic.train-size=384");
    String victimId = ExecutorLoss.awaitVictim(running.process(), running.log());
    Executor victim = executors().stream().filter(e -> e.id().equals(victimId)).findFirst().orElseThrow();
    assertTrue(ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly(), "SIGKILL to " + victim);
    Path run = running.await();

    String log = Files.readString(running.log());
    assertTrue(log.contains("[WARN] lost executor " + victim.id() + " "), "the console names the loss:\n" + log);
    ExecutorLoss.assertEveryStepOnce(Files.readAllLines(run.resolve("lr-applied.csv")), stepsPerEpoch);
    assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size(), "header and 2 epoch rows");
  }

  /** An executor JVM of this test's cluster: Spark's executor id (its work folder's name) and process id. */
  private record Executor(String id, long pid) {}

  /** The running executors of this test's cluster, found by their command and their working folder. */
  private static List<Executor> executors() throws IOException {
    Path work = CLUSTER.resolve("work").toRealPath();
    List<Executor> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
        try {
          String command = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
          Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
          if (command.contains("CoarseGrainedExecutorBackend") && cwd.startsWith(work)) {
            found.add(new Executor(cwd.getFileName().toString(), Long.parseLong(proc.getFileName().toString())));
          }
        } catch (IOException gone) {
          // A process that ended while we looked, or not ours to read.
        }
      }
    }
    assertFalse(found.isEmpty(), "no executor JVM runs in " + work);
    return found;
  }

  private record Submission(Path run, long driverPid) {}

  /** A submission in progress: cluster.sh's process (the client-mode driver), its log, and where it writes. */
  private record Running(String name, Process process, Path log, Path output) {
    Path await() throws Exception {
      int exit = Script.await(process, log, 300);
      assertEquals(0, exit, name + ": cluster.sh exit code; output:\n" + Script.tail(log, 80));
      return onlyRunFolder(output, name);
    }
  }

  private Submission submit(String name, String schedule, String... extraOverrides) throws Exception {
    Running running = start(name, schedule, Map.of(), extraOverrides);
    // cluster.sh and bin/spark-submit exec: the process is the client-mode driver's JVM.
    long driverPid = running.process().pid();
    return new Submission(running.await(), driverPid);
  }

  private Running start(String name, String schedule, Map<String, String> extraEnv, String... extraOverrides)
      throws Exception {
    Path experiment = scratch.resolve(name + ".conf");
    Files.writeString(experiment, "experiment.name = \"" + name + "\"\nschedule.type = \"" + schedule + "\"\n");
    Path output = scratch.resolve("runs-" + name);
    Path log = scratch.resolve(name + "-submit.log");

    List<String> args = new ArrayList<>(List.of(
        experiment.toString(),
        "--master", masterUrl,
        "--executor-memory", "1g",
        "--executor-cores", "1",
        "--conf", "spark.ui.enabled=false"));
    List<String> overrides = new ArrayList<>(List.of(
        "data.source=synthetic",
        "data.synthetic.train-size=256",
        "data.synthetic.test-size=128",
        "model.stages=[1,1,1]",
        "model.filters=[8,8,16,32]",
        "training.batch-size=32",
        "training.workers=2",
        "training.epochs=2",
        "output.dir=\"" + output.toUri() + "\""));
    overrides.addAll(List.of(extraOverrides));
    for (String override : overrides) {
      args.add("--set");
      args.add(override);
    }
    Map<String, String> env = new HashMap<>(extraEnv);
    env.putAll(Map.of(
        // Spark's spark-submit for the Spark home standalone.sh assembled (SparkSubmit on target/spark-home/jars).
        "SPARK_HOME", Script.ROOT.resolve("target/spark-home").toString(),
        "SPARK_LOCAL_IP", "127.0.0.1",
        "LRSCHED_DRIVER_MEMORY", "1g"));
    return new Running(name, Script.of("submit/cluster.sh", args, env).start(log), log, output);
  }

  private static Path onlyRunFolder(Path output, String name) throws IOException {
    try (Stream<Path> runs = Files.list(output)) {
      List<Path> all = runs.filter(p -> p.getFileName().toString().startsWith(name + "-")).toList();
      assertEquals(1, all.size(), "one run folder in " + output + ": " + all);
      return all.get(0);
    }
  }
}
