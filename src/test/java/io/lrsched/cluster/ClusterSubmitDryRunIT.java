package io.lrsched.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit/cluster.sh --dry-run} for YARN, Kubernetes and standalone: the spark-submit command it would run,
 * split back into arguments as bash would. An integration test because the script resolves the experiment with the
 * packaged application jar.
 */
@Tag("cluster")
class ClusterSubmitDryRunIT {

  private static final String RESOLVED = Script.ROOT.resolve("target/submit/dry-run-it.conf").toString();

  @TempDir Path scratch;

  @Test
  void shouldShipTheResolvedExperimentAndNameItByBasenameInYarnClusterMode() throws Exception {
    List<String> argv = dryRun(Map.of(),
        "--master", "yarn", "--deploy-mode", "cluster", "--num-executors", "8", "--executor-memory", "8g",
        "--set", "training.epochs=7");

    assertEquals("/opt/spark/bin/spark-submit", argv.get(0));
    assertPair(argv, "--master", "yarn");
    assertPair(argv, "--deploy-mode", "cluster");
    assertPair(argv, "--num-executors", "8");
    assertPair(argv, "--files", RESOLVED);
    assertPair(argv, "--class", "io.lrsched.cli.Main");
    assertEquals(1, count(argv, "--executor-memory"), "executor memory given once: " + argv);
    assertPair(argv, "--executor-memory", "8g");
    // Off-heap defaults to the executor memory: the container holds heap + off-heap + 1 GiB for the JVM itself.
    assertTrue(argv.contains("spark.executor.memoryOverhead=9216m"), argv.toString());
    assertTrue(argv.contains("spark.driver.memoryOverhead=1024m"), argv.toString());
    String executorOptions = conf(argv, "spark.executor.extraJavaOptions");
    assertTrue(executorOptions.contains("-Dorg.bytedeco.javacpp.maxbytes=8192m"), executorOptions);
    assertTrue(executorOptions.contains("-Dorg.bytedeco.javacpp.maxphysicalbytes=16896m"), executorOptions);
    assertTrue(executorOptions.contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), executorOptions);
    assertEquals(List.of(Script.JAR.toString(), "train", "dry-run-it.conf"), tail(argv, 3));
    assertTrue(Files.readString(Path.of(RESOLVED)).contains("epochs=7"), "the shipped file has the overrides");
  }

  @Test
  void shouldTakeLrschedsTrainOptionsAsLocalShDoesAndShipThemResolved() throws Exception {
    List<String> argv = dryRun(Map.of(), "--schedule", "step", "--master", "spark://host:7077", "--epochs=3",
        "--set", "schedule.step.factor=0.5", "--lr-plot", "lr-it.png");

    for (String ours : List.of("--schedule", "step", "--epochs=3", "--set", "--lr-plot")) {
      assertFalse(argv.contains(ours), ours + " must not reach spark-submit: " + argv);
    }
    assertPair(argv, "--master", "spark://host:7077");
    String shipped = Files.readString(Path.of(RESOLVED));
    for (String resolved : List.of("type=step", "epochs=3", "factor=0.5", "lr-plot=\"lr-it.png\"")) {
      assertTrue(shipped.replace(" ", "").contains(resolved), resolved + " in the shipped file:\n" + shipped);
    }
  }

  @Test
  void shouldAcceptTheTrainCommandWordAndRefuseTheOthers() throws Exception {
    Path experiment = scratch.resolve("dry-run-it.conf");
    Files.writeString(experiment, "experiment.name = \"dry-run-it\"\n");
    String out = Script.of("submit/cluster.sh", List.of("train", experiment.toString(), "--dry-run"),
        Map.of("SPARK_HOME", "/opt/spark")).run(scratch.resolve("train.log"), 120);
    assertTrue(out.contains("spark-submit"), out);
    Path log = scratch.resolve("lr-find.log");
    Process p = Script.of("submit/cluster.sh", List.of("lr-find", experiment.toString()),
        Map.of("SPARK_HOME", "/opt/spark")).start(log);
    assertEquals(2, Script.await(p, log, 60));
    assertTrue(Files.readString(log).contains("submit/local.sh"), Files.readString(log));
  }

  @Test
  void shouldNameTheImagesJarAndTheUploadedExperimentOnKubernetes() throws Exception {
    List<String> argv = dryRun(Map.of("LRSCHED_APP_JAR", "local:///opt/lrsched/lrsched.jar"),
        "--master", "k8s://https://host:443", "--deploy-mode", "cluster",
        "--conf", "spark.kubernetes.container.image=registry.example/lrsched:0.1",
        "--conf", "spark.kubernetes.file.upload.path=s3a://bucket/lrsched-upload",
        "--conf", "spark.executor.instances=4");

    assertPair(argv, "--master", "k8s://https://host:443");
    assertPair(argv, "--deploy-mode", "cluster");
    assertTrue(argv.contains("spark.kubernetes.container.image=registry.example/lrsched:0.1"), argv.toString());
    assertTrue(argv.contains("spark.kubernetes.file.upload.path=s3a://bucket/lrsched-upload"), argv.toString());
    assertPair(argv, "--files", RESOLVED);
    assertEquals(List.of("local:///opt/lrsched/lrsched.jar", "train", "dry-run-it.conf"), tail(argv, 3));
  }

  @Test
  void shouldRefuseKubernetesClusterModeWithoutAnUploadPath() throws Exception {
    Path log = scratch.resolve("out.log");
    Process p = script("--master", "k8s://https://host:443", "--deploy-mode", "cluster", "--dry-run")
        .start(log);
    assertEquals(2, Script.await(p, log, 120));
    assertTrue(Files.readString(log).contains("spark.kubernetes.file.upload.path"), Files.readString(log));
  }

  @Test
  void shouldPassTheLocalPathInClientModeAndKeepTheUsersOwnSettings() throws Exception {
    List<String> argv = dryRun(Map.of(),
        "--master", "spark://host:7077", "--conf", "spark.executor.memoryOverhead=3g");

    assertEquals(List.of(Script.JAR.toString(), "train", RESOLVED), tail(argv, 3));
    assertEquals(List.of("spark.executor.memoryOverhead=3g"),
        argv.stream().filter(a -> a.startsWith("spark.executor.memoryOverhead=")).toList());
    assertEquals(0, argv.stream().filter(a -> a.startsWith("spark.driver.memoryOverhead=")).count(),
        "no driver container in client mode: " + argv);
  }

  @Test
  void shouldSubmitASweepInClientModeWithItsOwnOptions() throws Exception {
    Path sweep = scratch.resolve("nightly.conf");
    Files.writeString(sweep, "sweep { grid { \"schedule.type\" = [step, poly] } }\n");
    List<String> argv = printedCommand(Map.of(), List.of("sweep", sweep.toString(), "--master", "yarn",
        "--num-executors", "4", "--set", "training.epochs=3", "--time-budget", "50m", "--parallel", "2",
        "--dry-run"));
    assertPair(argv, "--master", "yarn");
    assertPair(argv, "--num-executors", "4");
    assertEquals(List.of(Script.JAR.toString(), "sweep", sweep.toString(), "--set", "training.epochs=3",
        "--time-budget", "50m", "--parallel", "2"), tail(argv, 9));
    assertEquals(0, count(argv, "--files"), "a sweep reads its files where it starts: " + argv);

    Path log = scratch.resolve("sweep-cluster.log");
    Process p = Script.of("submit/cluster.sh", List.of("sweep", sweep.toString(), "--master", "yarn",
        "--deploy-mode", "cluster", "--dry-run"), Map.of("SPARK_HOME", "/opt/spark")).start(log);
    assertEquals(2, Script.await(p, log, 120));
    assertTrue(Files.readString(log).contains("sweep runs in client mode"), Files.readString(log));
  }

  private List<String> dryRun(Map<String, String> env, String... options) throws Exception {
    List<String> args = new ArrayList<>(Arrays.asList(options));
    args.add("--dry-run");
    return printedCommand(env, prepend(args));
  }

  private List<String> printedCommand(Map<String, String> env, List<String> args) throws Exception {
    Map<String, String> all = new HashMap<>(env);
    all.put("SPARK_HOME", "/opt/spark");
    String out = Script.of("submit/cluster.sh", args, all).run(scratch.resolve("dry-run.log"), 120);
    List<String> lines = out.lines().filter(l -> l.contains("spark-submit")).toList();
    assertEquals(1, lines.size(), "one command line:\n" + out);
    // Split the printed line exactly as bash would when the user copies it.
    Path split = scratch.resolve("split.log");
    Files.writeString(scratch.resolve("line"), lines.get(0));
    ProcessBuilder bash = new ProcessBuilder("bash", "-c", "eval \"set -- $(cat \"$0\")\"; printf '%s\\n' \"$@\"",
        scratch.resolve("line").toString()).redirectErrorStream(true).redirectOutput(split.toFile());
    assertEquals(0, bash.start().waitFor());
    return Files.readAllLines(split);
  }

  private List<String> prepend(List<String> options) throws Exception {
    Path experiment = scratch.resolve("dry-run-it.conf");
    Files.writeString(experiment, "experiment.name = \"dry-run-it\"\n");
    List<String> args = new ArrayList<>();
    args.add(experiment.toString());
    args.addAll(options);
    return args;
  }

  private Script script(String... options) throws Exception {
    return Script.of("submit/cluster.sh", prepend(List.of(options)), Map.of("SPARK_HOME", "/opt/spark"));
  }

  private static void assertPair(List<String> argv, String option, String value) {
    int i = argv.indexOf(option);
    assertTrue(i >= 0 && i + 1 < argv.size(), option + " in " + argv);
    assertEquals(value, argv.get(i + 1), option + " in " + argv);
  }

  private static String conf(List<String> argv, String key) {
    return argv.stream().filter(a -> a.startsWith(key + "=")).findFirst()
        .orElseThrow(() -> new AssertionError(key + " not in " + argv)).substring(key.length() + 1);
  }

  private static long count(List<String> argv, String option) {
    return argv.stream().filter(option::equals).count();
  }

  private static List<String> tail(List<String> argv, int n) {
    return argv.subList(argv.size() - n, argv.size());
  }
}
