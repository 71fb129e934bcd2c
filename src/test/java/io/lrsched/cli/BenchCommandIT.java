package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bench command end to end on a small network: one-process figures with the FLOP-based GFLOP/s, then Spark
 * local[2] with parameter averaging and the split of a round's time, whose measured parts must fit in the round.
 */
@Tag("slow")
class BenchCommandIT {

  private final PrintStream originalOut = System.out;

  @AfterEach
  void restore() {
    System.setOut(originalOut);
    System.clearProperty("spark.master");
  }

  @Test
  void shouldMeasureOneProcessAndSparkWithARoundSplit() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int exit = Main.run("bench",
        "--set", "model.stages=[1,1,1]",
        "--set", "model.filters=[8,8,16,32]",
        "--batch", "16", "--warmup", "1", "--steps", "1", "--peak-gflops", "100",
        "--spark-workers", "2", "--spark-rounds", "2");
    System.setOut(originalOut);
    String out = captured.toString(StandardCharsets.UTF_8);
    System.out.println(out);
    assertEquals(0, exit, out);

    assertTrue(Pattern.compile("(?m)^train: +[0-9.]+ images/s +[0-9.]+ GFLOP/s \\( *[0-9.]+% of 100\\)")
        .matcher(out).find(), out);
    assertTrue(Pattern.compile("(?m)^inference: +[0-9.]+ images/s").matcher(out).find(), out);
    assertTrue(Pattern.compile("(?m)^decode: [1-9][0-9]* images/s per core").matcher(out).find(), out);
    Matcher parameters = Pattern.compile("(?m)^parameters: ([0-9]+) \\(updater state: ([0-9]+)\\)").matcher(out);
    assertTrue(parameters.find(), out);
    Matcher checkpoint = Pattern.compile("(?m)^checkpoint: model.zip ([0-9.]+) MB, checkpoint ([0-9.]+) MB; serialise"
        + " [0-9.]+ s \\(cpu [0-9.]+ s\\), write [0-9.]+ s").matcher(out);
    assertTrue(checkpoint.find(), out);
    // Parameters and momentum as float32, after one step: random-looking values that zip hardly compresses. Without
    // the updater state the zip would be about half of this.
    double floatsMb = 4.0 * (Long.parseLong(parameters.group(1)) + Long.parseLong(parameters.group(2))) / 1e6;
    double zipMb = Double.parseDouble(checkpoint.group(1));
    assertTrue(zipMb > 0.7 * floatsMb, "model.zip " + zipMb + " MB holds parameters and momentum (" + floatsMb + ")");
    // The tutorial's last-epoch applied-LR rows (78,200 rows) come on top of the model.
    assertTrue(Double.parseDouble(checkpoint.group(2)) > zipMb + 4, checkpoint.group());
    assertTrue(out.contains("spark: 2 workers x 8 images, averaging every 5 steps"), out);
    // 2 workers x 4 batches of 16: every image of each of the 2 timed passes is counted once.
    assertTrue(Pattern.compile("(?m)^spark inference: 2 workers, 128 images per pass as training evaluates: [0-9.]+"
        + " images/s \\(2 passes in [0-9.]+ s\\)").matcher(out).find(), out);

    Matcher split = Pattern.compile("spark round split: (\\d+) ms per round = worker fit (\\d+) ms .*worker setup "
        + "(\\d+) ms .*driver count\\+broadcast (\\d+) ms .*driver averaging (\\d+) ms .*combine (\\d+) ms").matcher(out);
    assertTrue(split.find(), out);
    long round = Long.parseLong(split.group(1));
    long fit = Long.parseLong(split.group(2));
    // The last part (scheduling, serialisation, combine) is the remainder by definition; the others are measured by
    // DL4J's statistics, independently of the round's wall time on the driver, and must fit in it: a key counted
    // twice (DL4J nests its statistics) or a per-worker time not divided by the workers would overflow it.
    long measured = fit + Long.parseLong(split.group(3)) + Long.parseLong(split.group(4))
        + Long.parseLong(split.group(5));
    assertTrue(fit > 0 && fit < round, "workers fit for part of the round: " + split.group());
    assertTrue(measured <= round + 3, "the measured parts fit in the round (rounding aside): " + split.group());
  }
}
