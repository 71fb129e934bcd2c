package io.lrsched.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real YARN (one ResourceManager and one NodeManager that launches containers as processes, {@code
 * MiniYARNCluster} in this JVM) on a real HDFS runs experiments submitted by {@code submit/cluster.sh --master yarn}
 * with the {@code spark-submit} of the Spark home that {@code submit/standalone.sh home} assembles: in client and in
 * cluster deploy mode, with an executor container killed, and a sweep. Data, run folders, sweep leases and Spark's
 * staging files are on the HDFS; the ApplicationMaster and executors get DL4J and ND4J only from the application jar.
 */
@Tag("yarn")
class YarnClusterIT {

  /** The queue every submission names: the only one this cluster has, so a submission without it fails. */
  private static final String QUEUE = "lrsched";

  /** Where the submissions that upload nothing find Spark's jars and the application jar on HDFS. */
  private static final String ARCHIVE = "/spark/spark-libs.zip";

  private static final String APP_JAR = "/lrsched/lrsched.jar";

  private static final int TRAIN_IMAGES = 320;
  private static final int BATCH = 64;
  private static final int STEPS_PER_EPOCH = TRAIN_IMAGES / BATCH;

  @TempDir static Path scratch;

  private static MiniDFSCluster hdfs;
  private static MiniYARNCluster yarn;
  private static YarnClient yarnClient;
  private static FileSystem fs;
  private static Path hadoopConfDir;
  private static Path sparkHome;
  private static String hdfsUri;

  @BeforeAll
  static void startClusters() throws Exception {
    assertTrue(Files.isRegularFile(Script.JAR), Script.JAR + " is built by `mvn package` before failsafe runs");
    String home = Script.of("submit/standalone.sh", List.of("home"), Map.of()).run(scratch.resolve("home.log"), 600);
    sparkHome = Path.of(home.strip().lines().reduce((a, b) -> b).orElseThrow());

    Configuration conf = new Configuration();
    conf.setInt("dfs.replication", 1);
    hdfs = new MiniDFSCluster.Builder(conf, scratch.resolve("hdfs").toFile()).numDataNodes(1).format(true).build();
    hdfs.waitActive();
    hdfsUri = hdfs.getURI().toString();
    fs = hdfs.getFileSystem();

    YarnConfiguration yarnConf = new YarnConfiguration(conf);
    yarnConf.set("fs.defaultFS", hdfsUri);
    // Small containers on a small machine: nothing is enforced by memory (the JVMs' own -Xmx limits them).
    yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 4096);
    // MiniYARNCluster gives its NodeManagers this, not yarn.nodemanager.resource.memory-mb (default 4 GB).
    yarnConf.setInt(YarnConfiguration.YARN_MINICLUSTER_NM_PMEM_MB, 16384);
    yarnConf.setInt(YarnConfiguration.NM_VCORES, 8);
    yarnConf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    yarnConf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    yarnConf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 99.0f);
    // One queue with the whole cluster, as Spark's own YARN tests set up theirs; no waiting for node locality.
    String queue = "yarn.scheduler.capacity.root." + QUEUE;
    yarnConf.set("yarn.scheduler.capacity.root.queues", QUEUE);
    yarnConf.set(queue + ".capacity", "100");
    yarnConf.set(queue + ".maximum-capacity", "100");
    yarnConf.set(queue + ".user-limit-factor", "1");
    yarnConf.set(queue + ".state", "RUNNING");
    yarnConf.set(queue + ".acl_submit_applications", "*");
    yarnConf.set(queue + ".acl_administer_queue", "*");
    yarnConf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "0.5");
    yarnConf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
    // Containers' logs go to HDFS when the application ends, where `yarn logs -applicationId` reads them.
    yarnConf.setBoolean(YarnConfiguration.LOG_AGGREGATION_ENABLED, true);
    yarnConf.set(YarnConfiguration.NM_REMOTE_APP_LOG_DIR, hdfsUri + "/app-logs");
    // The NodeManager's local and log folders go under test.build.data: into this test's scratch folder.
    String testData = System.getProperty("test.build.data");
    System.setProperty("test.build.data", scratch.resolve("yarn").toString());
    yarn = new MiniYARNCluster("lrsched-yarn-it", 1, 1, 1);
    if (testData == null) {
      System.clearProperty("test.build.data");
    } else {
      System.setProperty("test.build.data", testData);
    }
    yarn.init(yarnConf);
    yarn.start();
    Configuration started = yarn.getConfig();
    // start() may return before the ResourceManager has put its bound port into the configuration.
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (started.get(YarnConfiguration.RM_ADDRESS).endsWith(":0")) {
      assertTrue(System.nanoTime() < deadline, "the ResourceManager has no address");
      Thread.sleep(100);
    }
    // What a cluster's HADOOP_CONF_DIR holds: where the ResourceManager, its logs and the NameNode are (not the
    // mini clusters' own settings, which name test classes that a Spark home does not have).
    Configuration client = new Configuration(false);
    client.set("fs.defaultFS", hdfsUri);
    client.set("dfs.replication", "1");
    started.getPropsWithPrefix("yarn.resourcemanager.").forEach((k, v) -> client.set("yarn.resourcemanager." + k, v));
    client.set(YarnConfiguration.LOG_AGGREGATION_ENABLED, "true");
    client.set(YarnConfiguration.NM_REMOTE_APP_LOG_DIR, started.get(YarnConfiguration.NM_REMOTE_APP_LOG_DIR));
    hadoopConfDir = Files.createDirectories(scratch.resolve("hadoop-conf"));
    try (OutputStream out = Files.newOutputStream(hadoopConfDir.resolve("yarn-site.xml"))) {
      client.writeXml(out);
    }
    yarnClient = YarnClient.createYarnClient();
    yarnClient.init(started);
    yarnClient.start();

    writeCifarBinary("/data/cifar");
    // For the submissions that do not upload the jars: Spark's jars as one archive and the application jar, once.
    Path archive = scratch.resolve("spark-libs.zip");
    zipJars(sparkHome.resolve("jars"), archive);
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(archive.toUri()), new org.apache.hadoop.fs.Path(ARCHIVE));
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Script.JAR.toUri()), new org.apache.hadoop.fs.Path(APP_JAR));
  }

  @AfterAll
  static void stopClusters() throws IOException {
    if (yarnClient != null) {
      yarnClient.stop();
    }
    if (yarn != null) {
      yarn.stop();
    }
    if (hdfs != null) {
      hdfs.shutdown(true);
    }
  }

  /**
   * Client mode as a user starts it first: the driver in cluster.sh's process, the application jar and Spark's jars
   * uploaded by spark-submit for this application. Data in HDFS, run folder on HDFS, two executor containers.
   */
  @Test
  void shouldTrainInClientModeWithDataAndRunFolderOnHdfs() throws Exception {
    Running running = start("yarn-client", "client", Uploads.PER_APPLICATION, Map.of());
    org.apache.hadoop.fs.Path run = running.await();
    assertCompleteRun(run, running);
    assertLrOnTwoExecutors(run, running.process().pid());
    System.out.printf("YARN client mode: %.0f s from cluster.sh to exit, uploads %s%n",
        running.seconds(), running.uploadSeconds());
  }

  /**
   * Cluster mode: the driver runs in the ApplicationMaster's container and reads the shipped experiment by its file
   * name; the jars come from HDFS ({@code spark.yarn.archive} and the application jar's hdfs:// URI), nothing is
   * uploaded. The driver's console reaches HDFS with the aggregated container logs.
   */
  @Test
  void shouldTrainInClusterModeFromJarsOnHdfs() throws Exception {
    Running running = start("yarn-cluster", "cluster", Uploads.FROM_HDFS, Map.of());
    org.apache.hadoop.fs.Path run = running.await();
    ApplicationReport app = assertCompleteRun(run, running);
    assertLrOnTwoExecutors(run, -1);
    assertTrue(aggregatedLogs(app).contains("Epoch 2/2"), "the driver's console is in the aggregated logs");
    System.out.printf("YARN cluster mode: %.0f s from cluster.sh to exit, uploads %s%n",
        running.seconds(), running.uploadSeconds());
  }

  /**
   * An executor container's JVM is killed with SIGKILL while it trains epoch 2 (client mode; six workers on two
   * executors, the victim chosen as {@link ExecutorLoss} says): YARN reports the container lost, Spark re-runs its
   * tasks and asks YARN for a replacement, and the run completes with every step's LR row once.
   */
  @Test
  void shouldCompleteARunWhoseExecutorContainerIsKilledDuringAnEpoch() throws Exception {
    Running running = start("yarn-executor-lost", "client", Uploads.FROM_HDFS, Map.of(),
        "training.workers=" + ExecutorLoss.WORKERS, "training.batch-size=" + (ExecutorLoss.WORKERS * 8),
        "data.train-subset=" + (ExecutorLoss.WORKERS * 8 * 4));
    String victimId = ExecutorLoss.awaitVictim(running.process(), running.log());
    ProcessHandle victim = executorJvm(running.name(), victimId);
    assertTrue(victim.destroyForcibly(), "SIGKILL to executor " + victimId + " (pid " + victim.pid() + ")");
    org.apache.hadoop.fs.Path run = running.await();

    String log = Files.readString(running.log());
    assertTrue(log.contains("[WARN] lost executor " + victimId + " "), "the console names the loss:\n" + log);
    ExecutorLoss.assertEveryStepOnce(readLines(new org.apache.hadoop.fs.Path(run, "lr-applied.csv")), 4);
    assertCompleteRun(run, running);
  }

  /** A sweep of two trials submitted to YARN (client mode): both done, the leases and the leaderboard on HDFS. */
  @Test
  void shouldRunATwoTrialSweepWithLeasesOnHdfs() throws Exception {
    Path dir = Files.createDirectories(scratch.resolve("sweep"));
    Files.writeString(dir.resolve("base.conf"), experiment("yarn-sweep-trial", "none", List.of()));
    Path sweepFile = dir.resolve("yarn-sweep.conf");
    Files.writeString(sweepFile, "sweep { experiment = base.conf, grid { \"schedule.type\" = [none, step] } }\n");
    Running running = submit("yarn-sweep", List.of("sweep", sweepFile.toString()), "client", Uploads.FROM_HDFS,
        Map.of());
    int exit = Script.await(running.process(), running.log(), 600);
    assertEquals(0, exit, "cluster.sh sweep exit code; " + applications() + "; output:\n"
        + Script.tail(running.log(), 80));
    org.apache.hadoop.fs.Path sweep = new org.apache.hadoop.fs.Path(hdfsUri + "/runs-yarn-sweep-trial/yarn-sweep");
    assertEquals(3, readLines(new org.apache.hadoop.fs.Path(sweep, "leaderboard.csv")).size(),
        "header and two trials");
    FileStatus[] trials = fs.listStatus(new org.apache.hadoop.fs.Path(sweep, "trials"));
    assertEquals(2, trials.length, "two trial folders");
    for (FileStatus trial : trials) {
      // State records are versioned (state-gGGGGGG-vNNNNNNNNN, zero-padded): the newest name is the newest record.
      org.apache.hadoop.fs.Path newest = java.util.Arrays.stream(fs.listStatus(trial.getPath()))
          .map(FileStatus::getPath).filter(p -> p.getName().startsWith("state-"))
          .max(java.util.Comparator.comparing(org.apache.hadoop.fs.Path::getName))
          .orElseThrow(() -> new AssertionError(trial.getPath() + " has no state record"));
      List<String> state = readLines(newest);
      assertTrue(state.contains("state=done"), newest + ": " + state);
      // Each trial is its own Spark application, named after the trial's id.
      assertFinalStatusSucceeded(trial.getPath().getName(), 1);
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(trial.getPath(), "lease-000001")),
          trial.getPath() + " has its first lease on HDFS");
      assertEquals(3, readLines(new org.apache.hadoop.fs.Path(trial.getPath(), "run/metrics.csv")).size(),
          trial.getPath() + ": header and 2 epochs");
    }
  }

  /** How the jars reach the containers. */
  private enum Uploads {
    /** spark-submit uploads the application jar and an archive of SPARK_HOME/jars to the staging folder. */
    PER_APPLICATION,
    /** The application jar by its hdfs:// URI and {@code spark.yarn.archive}: both read where they are. */
    FROM_HDFS
  }

  /** A submission in progress: cluster.sh's process (the client-mode driver, or the YARN client), its log. */
  private record Running(String name, Process process, Path log, String outputDir, long startedNanos) {

    /** Waits for cluster.sh; its exit code is 0, and the run folder is the only one under the output folder. */
    org.apache.hadoop.fs.Path await() throws Exception {
      int exit = Script.await(process, log, 420);
      assertEquals(0, exit, name + ": cluster.sh exit code; " + applications() + "; output:\n" + Script.tail(log, 80));
      FileStatus[] runs = fs.listStatus(new org.apache.hadoop.fs.Path(outputDir));
      assertEquals(1, runs.length, "one run folder in " + outputDir);
      assertTrue(runs[0].getPath().getName().startsWith(name + "-"), runs[0].getPath().toString());
      return runs[0].getPath();
    }

    double seconds() {
      return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Spark's YARN client's time from "Preparing resources" to "Submitting application" (the uploads). */
    String uploadSeconds() throws IOException {
      String text = Files.readString(log);
      Matcher prepare = Pattern.compile("(\\d\\d:\\d\\d:\\d\\d) INFO  Client: Preparing resources").matcher(text);
      Matcher submit = Pattern.compile("(\\d\\d:\\d\\d:\\d\\d) INFO  Client: Submitting application").matcher(text);
      if (!prepare.find() || !submit.find()) {
        return "(not in the log)";
      }
      long s = Duration.between(LocalTime.parse(prepare.group(1)), LocalTime.parse(submit.group(1))).toSeconds();
      return "took " + s + " s";
    }
  }

  private Running start(String name, String deployMode, Uploads uploads, Map<String, String> env,
      String... overrides) throws Exception {
    Path file = scratch.resolve(name + ".conf");
    Files.writeString(file, experiment(name, "step", List.of(overrides)));
    return submit(name, List.of(file.toString()), deployMode, uploads, env);
  }

  /** A tiny experiment reading the CIFAR-10-format data on HDFS, its run folder on HDFS; step drops after epoch 1. */
  private static String experiment(String name, String schedule, List<String> overrides) {
    StringBuilder text = new StringBuilder("""
        experiment.name = "%s"
        schedule { type = "%s", step.drop-every = 2 }
        data { source = "cifar-binary", path = "%s/data/cifar" }
        model { stages = [1, 1, 1], filters = [8, 8, 16, 32] }
        training { epochs = 2, batch-size = %d, workers = 2 }
        output.dir = "%s/runs-%s"
        """.formatted(name, schedule, hdfsUri, BATCH, hdfsUri, name));
    overrides.forEach(o -> text.append(o).append('\n'));
    return text.toString();
  }

  private Running submit(String name, List<String> command, String deployMode, Uploads uploads,
      Map<String, String> extraEnv) throws Exception {
    String javaHome = System.getProperty("java.home");
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of(
        "--master", "yarn",
        "--deploy-mode", deployMode,
        "--queue", QUEUE,
        "--num-executors", "2",
        "--executor-cores", "1",
        "--executor-memory", "1g",
        // The NodeManager's containers would otherwise run the java of its own JAVA_HOME (unset here).
        "--conf", "spark.yarn.appMasterEnv.JAVA_HOME=" + javaHome,
        "--conf", "spark.executorEnv.JAVA_HOME=" + javaHome,
        "--conf", "spark.ui.enabled=false"));
    Map<String, String> env = new HashMap<>(extraEnv);
    if (uploads == Uploads.FROM_HDFS) {
      args.addAll(List.of("--conf", "spark.yarn.archive=" + hdfsUri + ARCHIVE));
      env.put("LRSCHED_APP_JAR", hdfsUri + APP_JAR);
    }
    Path log = scratch.resolve(name + "-submit.log");
    env.putAll(Map.of(
        "SPARK_HOME", sparkHome.toString(),
        "HADOOP_CONF_DIR", hadoopConfDir.toString(),
        "SPARK_SUBMIT_OPTS", "-Dlog4j.configurationFile=" + submitterLog(),
        "SPARK_LOCAL_IP", "127.0.0.1",
        // Containers of 1g heap + 512m off-heap + 1g (cluster.sh's overhead rule): the tiny model needs far less.
        "LRSCHED_EXECUTOR_OFFHEAP", "512m",
        "LRSCHED_DRIVER_MEMORY", "1g"));
    long started = System.nanoTime();
    Process process = Script.of("submit/cluster.sh", args, env).start(log);
    String experimentName = command.get(0).equals("sweep") ? "yarn-sweep-trial" : name;
    return new Running(name, process, log, hdfsUri + "/runs-" + experimentName, started);
  }

  /** The driver's scheduler lines (for the executor kill) and Spark's YARN client's upload and submit lines. */
  private static Path submitterLog() throws IOException {
    Path file = scratch.resolve("log4j2-yarn-submit.properties");
    if (!Files.exists(file)) {
      Files.writeString(file, Files.readString(ExecutorLoss.schedulerLog(scratch))
          + "logger.yarnclient.name = org.apache.spark.deploy.yarn.Client\nlogger.yarnclient.level = info\n");
    }
    return file;
  }

  /** The run folder holds its metrics, model and report; the YARN application ended SUCCEEDED in our queue. */
  private ApplicationReport assertCompleteRun(org.apache.hadoop.fs.Path run, Running running) throws Exception {
    assertEquals(3, readLines(new org.apache.hadoop.fs.Path(run, "metrics.csv")).size(), "header and 2 epochs");
    for (String file : List.of("model.zip", "classification-report.txt", "report.html", "lr-applied.csv")) {
      assertTrue(fs.getFileStatus(new org.apache.hadoop.fs.Path(run, file)).getLen() > 0, run + "/" + file);
    }
    String provenance = String.join("\n", readLines(new org.apache.hadoop.fs.Path(run, "provenance.txt")));
    assertTrue(provenance.contains("spark.master=yarn"), provenance);
    ApplicationReport app = assertFinalStatusSucceeded(running.name());
    assertTrue(provenance.contains(app.getApplicationId().toString()), "provenance names " + app.getApplicationId());
    return app;
  }

  /** Every row of lr-applied.csv is the step schedule's value (0.1, then 0.025 after one drop), on two executors. */
  private void assertLrOnTwoExecutors(org.apache.hadoop.fs.Path run, long driverPid) throws IOException {
    List<String> applied = readLines(new org.apache.hadoop.fs.Path(run, "lr-applied.csv"));
    assertEquals(1 + 2 * STEPS_PER_EPOCH * 2, applied.size(), "2 epochs x 5 steps x 2 workers: " + applied);
    Set<String> executors = new TreeSet<>();
    Set<Long> pids = new TreeSet<>();
    for (String row : applied.subList(1, applied.size())) {
      String[] f = row.split(",");
      executors.add(f[3]);
      pids.add(Long.parseLong(f[4]));
      // step: lr0 * 0.25 ^ floor((1 + e) / 2) with e counted from 0: 0.1 in epoch 1, 0.025 in epoch 2.
      double schedule = f[0].equals("1") ? 0.1 : 0.025;
      assertEquals(schedule, Double.parseDouble(f[5]), schedule * 1e-9, "applied = step schedule: " + row);
    }
    assertEquals(2, executors.size(), "two executors: " + executors);
    assertFalse(executors.contains("driver"), "no step ran in the driver: " + executors);
    assertEquals(2, pids.size(), "two executor JVMs: " + pids);
    assertFalse(pids.contains(driverPid), "driver pid " + driverPid + " is not an executor's: " + pids);
  }

  /** The one application named "lrsched NAME" ends FINISHED / SUCCEEDED in {@link #QUEUE}. */
  private static ApplicationReport assertFinalStatusSucceeded(String name) throws Exception {
    return assertFinalStatusSucceeded(name, 1).get(0);
  }

  /**
   * The {@code count} applications named "lrsched NAME" (the driver names its Spark context after the experiment, a
   * sweep's after the trial) end FINISHED / SUCCEEDED in {@link #QUEUE} (within 60 s of cluster.sh's exit).
   */
  private static List<ApplicationReport> assertFinalStatusSucceeded(String name, int count) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      List<ApplicationReport> apps =
          yarnClient.getApplications().stream().filter(a -> a.getName().equals("lrsched " + name)).toList();
      assertEquals(count, apps.size(), "applications named lrsched " + name + ": " + applications());
      boolean finished = apps.stream().allMatch(a -> a.getYarnApplicationState() == YarnApplicationState.FINISHED);
      if (finished || System.nanoTime() > deadline) {
        for (ApplicationReport app : apps) {
          assertEquals(FinalApplicationStatus.SUCCEEDED, app.getFinalApplicationStatus(), app.toString());
          assertEquals(QUEUE, app.getQueue());
        }
        return apps;
      }
      Thread.sleep(500);
    }
  }

  /** What YARN says about every application so far, for failure messages. */
  private static String applications() throws Exception {
    return yarnClient.getApplications().stream()
        .map(a -> a.getName() + " " + a.getYarnApplicationState() + " " + a.getFinalApplicationStatus() + ": "
            + a.getDiagnostics())
        .toList().toString();
  }

  /** The JVM of a running executor of the application named "lrsched NAME", found by its command line. */
  private static ProcessHandle executorJvm(String name, String executorId) throws Exception {
    String appId = yarnClient.getApplications().stream().filter(a -> a.getName().equals("lrsched " + name))
        .findFirst().orElseThrow().getApplicationId().toString();
    // The container runs bash -c "java ..."; the executor is the process whose program is java.
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().orElse("").endsWith("/java"))
        .filter(p -> {
          List<String> argv = List.of(p.info().arguments().orElse(new String[0]));
          int id = argv.indexOf("--executor-id");
          return argv.contains("org.apache.spark.executor.YarnCoarseGrainedExecutorBackend")
              && argv.contains(appId) && id >= 0 && argv.get(id + 1).equals(executorId);
        })
        .findFirst().orElseThrow(() -> new AssertionError("no JVM of executor " + executorId + " of " + appId));
  }

  /** The application's aggregated container logs on HDFS, as text (within 60 s of its end). */
  private static String aggregatedLogs(ApplicationReport app) throws Exception {
    String id = app.getApplicationId().toString();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      StringBuilder text = new StringBuilder();
      var files = fs.listFiles(new org.apache.hadoop.fs.Path(hdfsUri + "/app-logs"), true);
      while (files.hasNext()) {
        org.apache.hadoop.fs.Path file = files.next().getPath();
        if (file.toString().contains("/" + id + "/") && !file.getName().endsWith(".tmp")) {
          try (var in = fs.open(file)) {
            text.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
          }
        }
      }
      if (!text.isEmpty() || System.nanoTime() > deadline) {
        return text.toString();
      }
      Thread.sleep(1000);
    }
  }

  private static List<String> readLines(org.apache.hadoop.fs.Path file) throws IOException {
    if (fs.getFileStatus(file).isDirectory()) {
      return List.of(fs.listStatus(file)).stream().map(s -> s.getPath().getName()).toList();
    }
    try (var in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /**
   * The official CIFAR-10 binary layout on HDFS: data_batch_1..5.bin and test_batch.bin, records of one label byte
   * then 1024 red, 1024 green and 1024 blue bytes; each class one colour plus seeded noise.
   */
  private static void writeCifarBinary(String folder) throws IOException {
    Random random = new Random(23);
    for (int batch = 0; batch <= 5; batch++) {
      String fileName = batch == 0 ? "test_batch.bin" : "data_batch_" + batch + ".bin";
      int records = batch == 0 ? 64 : TRAIN_IMAGES / 5;
      byte[] bytes = new byte[records * 3073];
      for (int r = 0; r < records; r++) {
        int label = r % 10;
        bytes[r * 3073] = (byte) label;
        for (int i = 0; i < 3072; i++) {
          int channel = i / 1024;
          int base = ((label * 37 + channel * 91) % 200) + 20;
          bytes[r * 3073 + 1 + i] = (byte) (base + random.nextInt(31) - 15);
        }
      }
      try (var out = fs.create(new org.apache.hadoop.fs.Path(folder + "/" + fileName))) {
        out.write(bytes);
      }
    }
  }

  /** Spark's jars at the root of a zip, as spark.yarn.archive wants them (stored: jars are compressed already). */
  private static void zipJars(Path jars, Path archive) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive));
        Stream<Path> files = Files.list(jars)) {
      zip.setLevel(Deflater.NO_COMPRESSION);
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        zip.putNextEntry(new ZipEntry(jar.getFileName().toString()));
        Files.copy(jar, zip);
        zip.closeEntry();
      }
    }
  }
}
