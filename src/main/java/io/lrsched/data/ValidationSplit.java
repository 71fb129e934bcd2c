package io.lrsched.data;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Which training images are held out as the validation set ({@code data.validation-split}): stratified, so every
 * class keeps its share (round(fraction x its count) of its images), and seeded, so a resumed run or a second seed
 * of the same experiment holds out exactly the same images.
 */
public final class ValidationSplit {
  private ValidationSplit() {}

  /**
   * @param labels the training images' labels, by their index in the training split
   * @param fraction share of every class to hold out, in [0, 1)
   * @param seed the experiment's seed
   * @return the indices held out for validation
   */
  public static BitSet choose(int[] labels, double fraction, long seed) {
    TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      byClass.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(i);
    }
    SplittableRandom random = new SplittableRandom(seed);
    BitSet heldOut = new BitSet(labels.length);
    for (List<Integer> members : byClass.values()) {
      int take = (int) Math.round(fraction * members.size());
      // A partial Fisher-Yates shuffle: the first `take` places get a uniform random sample of the class.
      for (int i = 0; i < take; i++) {
        int j = i + random.nextInt(members.size() - i);
        Integer swap = members.get(i);
        members.set(i, members.get(j));
        members.set(j, swap);
        heldOut.set(members.get(i));
      }
    }
    return heldOut;
  }
}
