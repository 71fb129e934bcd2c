package io.lrsched.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrsched.data.ModelInput;
import io.lrsched.data.Normalization;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users' own image folders through the train command, as the README's data section tells them to: 5 classes of
 * 64x64 RGB PNGs, grey 28x28 images with standardisation and augmentation, and a folder with bad files skipped.
 */
class ImageFolderTrainIT {
  @TempDir Path tmp;

  @BeforeEach
  void useTwoLocalWorkers() {
    System.setProperty("spark.master", "local[2]");
  }

  @AfterEach
  void clearMaster() {
    System.clearProperty("spark.master");
  }

  /** Runs train with a tiny model and returns the run folder and what was printed. */
  private Run train(Path data, String... sets) throws IOException {
    Path runs = tmp.resolve("runs");
    List<String> args = new ArrayList<>(List.of("train",
        "--set", "experiment.name=own",
        "--set", "data.source=image-folder",
        "--set", "data.path=\"" + data + "\"",
        "--set", "model.filters=[8,8,16,32]",
        "--set", "model.stages=[1,1,1]",
        "--set", "training.batch-size=16",
        "--set", "training.epochs=2",
        "--set", "output.dir=\"" + runs.toUri() + "\""));
    for (String set : sets) {
      args.add("--set");
      args.add(set);
    }
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit = Main.run(args.toArray(String[]::new));
    } finally {
      System.setOut(original);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, printed);
    try (Stream<Path> s = Files.list(runs)) {
      return new Run(s.findFirst().orElseThrow(), printed);
    }
  }

  private record Run(Path folder, String printed) {
    ModelInput input() throws IOException {
      return ModelInput.parse(Files.readString(folder.resolve("data.conf")));
    }

    String dataConf() throws IOException {
      return Files.readString(folder.resolve("data.conf"));
    }
  }

  @Test
  void shouldTrainFiveClassesOf64x64RgbPngs() throws Exception {
    List<String> classes = List.of("apple", "bean", "corn", "date", "eggplant");
    Path data = tmp.resolve("produce");
    ImageSets.write(data, classes, 8, 4, 64, BufferedImage.TYPE_INT_RGB);

    Run run = train(data, "data.image-size=64");

    assertEquals(classes, run.input().classNames());
    assertEquals(64, run.input().imageSize());
    assertEquals(3, Files.readAllLines(run.folder().resolve("metrics.csv")).size(), "header and 2 epochs");
    String report = Files.readString(run.folder().resolve("classification-report.txt"));
    for (String c : classes) {
      assertTrue(report.contains(c), report);
    }
    assertTrue(run.printed().contains("5 classes"), run.printed());
  }

  @Test
  void shouldTrainGrey28x28ImagesStandardizedAndAugmented() throws Exception {
    List<String> classes = List.of("one", "two", "three");
    Path data = tmp.resolve("digits");
    ImageSets.write(data, classes, 8, 4, 28, BufferedImage.TYPE_BYTE_GRAY);

    Run run = train(data, "data.image-size=28", "data.normalize=standardize", "data.augment=true");

    ModelInput input = run.input();
    assertEquals(28, input.imageSize());
    assertEquals(Normalization.STANDARDIZE, input.normalization().kind());
    // Independently: the mean and std of every training pixel as written, grey replicated to R, G and B.
    double sum = 0;
    double squares = 0;
    long n = 0;
    for (String c : classes) {
      try (Stream<Path> files = Files.list(data.resolve("train").resolve(c))) {
        for (Path f : files.toList()) {
          BufferedImage img = ImageIO.read(f.toFile());
          for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
              double v = img.getRaster().getSample(x, y, 0) / 255.0;
              sum += v;
              squares += v * v;
              n++;
            }
          }
        }
      }
    }
    double mean = sum / n;
    double std = Math.sqrt(squares / n - mean * mean);
    for (int ch = 0; ch < 3; ch++) {
      assertEquals(mean, input.normalization().mean()[ch], 1e-9, "mean of channel " + ch);
      assertEquals(std, input.normalization().std()[ch], 1e-9, "std of channel " + ch);
    }
    assertTrue(run.printed().contains("random crop (padding 4 px)"), run.printed());

    // The saved model carries its size and statistics: evaluating it reproduces the run's last validation accuracy.
    List<String> metrics = Files.readAllLines(run.folder().resolve("metrics.csv"));
    double valAccuracy = Double.parseDouble(metrics.get(metrics.size() - 1).split(",")[5]);
    Path evaluations = tmp.resolve("evaluations");
    assertEquals(0, Main.run("evaluate", run.folder().toUri().toString(),
        "--set", "output.dir=\"" + evaluations.toUri() + "\""));
    try (Stream<Path> s = Files.list(evaluations)) {
      Path folder = s.findFirst().orElseThrow();
      String evaluation = Files.readString(folder.resolve("evaluation.txt"));
      assertTrue(evaluation.contains("accuracy: " + valAccuracy), evaluation + " vs val_accuracy " + valAccuracy);
      assertEquals(Files.readString(run.folder().resolve("classification-report.txt")),
          Files.readString(folder.resolve("classification-report.txt")));
    }
  }

  @Test
  void shouldSkipAndCountBadFilesWhenAskedTo() throws Exception {
    Path data = tmp.resolve("messy");
    ImageSets.write(data, List.of("a", "b"), 6, 3, 32, BufferedImage.TYPE_INT_RGB);
    Files.write(data.resolve("train/a/broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0});
    Files.writeString(data.resolve("test/b/labels.csv"), "x,y\n");
    Files.write(data.resolve("train/b/.DS_Store"), new byte[] {0});
    Files.write(data.resolve("train/Thumbs.db"), new byte[] {0});

    Run run = train(data, "data.on-bad-image=skip");

    assertTrue(run.dataConf().contains("skipped-files = 2"), run.dataConf());
    assertTrue(run.printed().contains("skipped 2 bad file(s)"), run.printed());
    assertTrue(run.printed().contains("12 training and 6 test images"), run.printed());
  }
}
