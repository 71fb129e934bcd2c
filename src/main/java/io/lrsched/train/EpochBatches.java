package io.lrsched.train;

import io.lrsched.data.Augmentation;
import io.lrsched.data.LabeledImage;
import io.lrsched.data.Minibatches;
import io.lrsched.data.Normalization;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.dataset.DataSet;
import scala.Tuple2;

/**
 * Lays one epoch's shuffled images out for parameter averaging: partition w holds, in step order, worker w's slice of
 * every global step. Each averaging round then only filters its steps out of the cached layout, so every worker gets
 * exactly its local steps and no data moves between rounds. Augmentation (if on) and normalisation are applied when a
 * round's minibatches are built, on the executors.
 */
final class EpochBatches {

  private final JavaRDD<StepSlice> layout;
  private final Broadcast<int[]> positions;
  private final WorkerLayout workers;
  private final int epoch;
  private final Inputs inputs;

  /**
   * How images become a worker's minibatches.
   *
   * @param channelsLast whether minibatches are NHWC
   * @param numClasses classes, for one-hot labels
   * @param augmentation applied per epoch before normalising
   * @param normalization how pixel bytes become inputs
   */
  record Inputs(boolean channelsLast, int numClasses, Augmentation augmentation, Normalization normalization)
      implements Serializable {}

  private EpochBatches(
      JavaRDD<StepSlice> layout, Broadcast<int[]> positions, WorkerLayout workers, int epoch, Inputs inputs) {
    this.layout = layout;
    this.positions = positions;
    this.workers = workers;
    this.epoch = epoch;
    this.inputs = inputs;
  }

  /**
   * Shuffles the indexed training images with a seed derived from the epoch and lays them out by worker.
   *
   * @param sc the Spark context
   * @param indexed training images with their index 0..n-1 (cached)
   * @param n number of images
   * @param workers the worker layout
   * @param seed the experiment's seed
   * @param epoch 0-based epoch, mixed into the shuffle seed so every epoch has its own order, and into the
   *     augmentation
   * @param inputs how images become minibatches
   * @return the epoch's layout, cached until {@link #release()}
   */
  static EpochBatches shuffle(
      JavaSparkContext sc,
      JavaPairRDD<LabeledImage, Long> indexed,
      int n,
      WorkerLayout workers,
      long seed,
      int epoch,
      Inputs inputs) {
    Broadcast<int[]> positions = sc.broadcast(shuffledPositions(n, seed * 1_000_003L + epoch));
    int batch = workers.globalBatch();
    int w = workers.workers();
    JavaRDD<StepSlice> layout =
        indexed
            .mapToPair(
                pair -> {
                  int position = positions.value()[(int) (long) pair._2()];
                  int step = position / batch;
                  int offset = position % batch;
                  int stepSize = Math.min(batch, n - step * batch);
                  int worker = (int) ((long) offset * w / stepSize);
                  return new Tuple2<>(worker, new Tuple2<>(position, pair._1()));
                })
            .partitionBy(new HashPartitioner(w))
            .mapPartitions(it -> toSlices(it, batch), true)
            .persist(StorageLevel.MEMORY_ONLY());
    return new EpochBatches(layout, positions, workers, epoch, inputs);
  }

  /** Sorts a worker's images by shuffled position and groups them into one slice per global step. */
  private static Iterator<StepSlice> toSlices(
      Iterator<Tuple2<Integer, Tuple2<Integer, LabeledImage>>> it, int batch) {
    List<Tuple2<Integer, LabeledImage>> mine = new ArrayList<>();
    it.forEachRemaining(t -> mine.add(t._2()));
    mine.sort((a, b) -> Integer.compare(a._1(), b._1()));
    List<StepSlice> slices = new ArrayList<>();
    List<LabeledImage> current = new ArrayList<>();
    int currentStep = -1;
    for (Tuple2<Integer, LabeledImage> image : mine) {
      int step = image._1() / batch;
      if (step != currentStep && !current.isEmpty()) {
        slices.add(new StepSlice(currentStep, current));
        current = new ArrayList<>();
      }
      currentStep = step;
      current.add(image._2());
    }
    if (!current.isEmpty()) {
      slices.add(new StepSlice(currentStep, current));
    }
    return slices.iterator();
  }

  /**
   * The minibatches of one averaging round: worker w's partition holds its slices of steps
   * {@code [round * f, (round + 1) * f)} as DataSets.
   *
   * @param round 0-based averaging round
   * @return one DataSet per worker and step, partitioned by worker
   */
  JavaRDD<DataSet> round(int round) {
    int first = round * workers.averagingFrequency();
    int end = first + workers.averagingFrequency();
    Inputs in = inputs;
    int e = epoch;
    return layout.mapPartitions(
        slices -> {
          List<DataSet> out = new ArrayList<>();
          slices.forEachRemaining(
              s -> {
                if (s.step() >= first && s.step() < end) {
                  List<LabeledImage> images = new ArrayList<>(s.images().size());
                  s.images().forEach(image -> images.add(in.augmentation().apply(image, e)));
                  out.add(Minibatches.toDataSet(images, in.channelsLast(), in.numClasses(), in.normalization()));
                }
              });
          return out.iterator();
        },
        true);
  }

  /** Drops the cached layout and the shuffle's positions (4 bytes per image, on every executor). */
  void release() {
    layout.unpersist(false);
    positions.destroy();
  }

  /** Position of image i in the epoch's order: a seeded Fisher-Yates permutation, computed on the driver. */
  static int[] shuffledPositions(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] position = new int[n];
    for (int p = 0; p < n; p++) {
      position[order[p]] = p;
    }
    return position;
  }
}
