package io.lrsched.train;

import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Names the Spark jobs one lrsched command starts, so that the Spark UI and the History Server show what a run is
 * doing: every job gets the job group {@code <command> <name>} (e.g. {@code train linear-s2}) and a description that
 * says where the run is ({@code train linear-s2: epoch 3/100, round 12/78}, {@code train linear-s2: evaluate epoch
 * 3}).
 *
 * <p>Spark keeps both as local properties of the calling thread ({@code spark.jobGroup.id},
 * {@code spark.job.description}), inherited by the threads it starts, so a label holds for every job the driver's
 * thread submits until the next label: DL4J's parameter averaging submits its jobs from the caller's thread.
 */
public final class SparkJobLabels {
  private final JavaSparkContext sc;
  private final String group;

  /**
   * @param sc the context whose jobs are labelled (from the calling thread)
   * @param command the lrsched command, e.g. {@code train}
   * @param name what it works on, e.g. the experiment's name
   */
  public SparkJobLabels(JavaSparkContext sc, String command, String name) {
    this.sc = sc;
    this.group = name.isEmpty() ? command : command + " " + name;
  }

  /** Labels the jobs that follow {@code <group>: <what>}. */
  public void label(String what) {
    // interruptOnCancel = false: cancelling the group from the UI must not interrupt a task writing a file.
    sc.setJobGroup(group, group + ": " + what, false);
  }

  /** Labels one averaging round of training; every number 1-based. */
  public void round(int epoch, int epochs, int round, int rounds) {
    label(String.format(Locale.ROOT, "epoch %d/%d, round %d/%d", epoch, epochs, round, rounds));
  }

  /** Labels the evaluation after epoch {@code epoch} (1-based). */
  public void evaluation(int epoch) {
    label("evaluate epoch " + epoch);
  }

  /** Jobs that follow carry no lrsched label (a shared context moves on to other work). */
  public void clear() {
    sc.clearJobGroup();
  }
}
