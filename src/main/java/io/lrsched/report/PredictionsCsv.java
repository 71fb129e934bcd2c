package io.lrsched.report;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The CSV that {@code predict} writes: one line per image with its key (path, archive entry or table key), the
 * predicted class and its probability, then the next most probable classes with theirs, e.g.
 * {@code key,predicted,probability,class_2,probability_2}. Ties go to the lower class index, as an argmax does.
 */
public final class PredictionsCsv {
  private PredictionsCsv() {}

  /** The header line (with its newline) for the {@code top} most probable classes. */
  public static String header(int top) {
    StringBuilder line = new StringBuilder("key,predicted,probability");
    for (int i = 2; i <= top; i++) {
      line.append(",class_").append(i).append(",probability_").append(i);
    }
    return line.append('\n').toString();
  }

  /**
   * One image's line (with its newline).
   *
   * @param key the image's path or key
   * @param classNames class names in output order
   * @param probabilities the network's output for the image
   * @param top how many classes to list, at most the number of classes
   */
  public static String row(String key, List<String> classNames, float[] probabilities, int top) {
    Integer[] order = IntStream.range(0, probabilities.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -probabilities[i]).thenComparingInt(i -> i));
    StringBuilder line = new StringBuilder(ClassificationReport.csvField(key));
    for (int i = 0; i < top; i++) {
      line.append(',').append(ClassificationReport.csvField(classNames.get(order[i])))
          .append(',').append(probabilities[order[i]]);
    }
    return line.append('\n').toString();
  }
}
