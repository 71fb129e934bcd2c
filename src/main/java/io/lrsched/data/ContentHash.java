package io.lrsched.data;

/**
 * A seeded 64-bit hash of an image's label and pixels (SplitMix64 finalizer over 8-byte words).
 *
 * <p>Subsets and shuffles order records by this hash rather than by position, so for a given seed they pick and
 * order the same images however the input happens to be partitioned. Records with equal content get equal keys,
 * which is harmless: whichever copy is taken, the result is the same.
 */
final class ContentHash {
  private ContentHash() {}

  /** Salts so a subset and the shuffles of the same seed are not correlated. */
  static final long SUBSET_SALT = 0x5ab5e7L;

  static final long SHUFFLE_SALT = 0x54fF1EL;

  static long of(long seed, LabeledImage image) {
    byte[] p = image.rawPixels();
    long h = mix(seed ^ (0x9E3779B97F4A7C15L * (image.label() + 1)));
    int whole = p.length - p.length % 8;
    for (int i = 0; i < whole; i += 8) {
      long word =
          (p[i] & 0xFFL)
              | (p[i + 1] & 0xFFL) << 8
              | (p[i + 2] & 0xFFL) << 16
              | (p[i + 3] & 0xFFL) << 24
              | (p[i + 4] & 0xFFL) << 32
              | (p[i + 5] & 0xFFL) << 40
              | (p[i + 6] & 0xFFL) << 48
              | (p[i + 7] & 0xFFL) << 56;
      h = mix(h ^ word);
    }
    // Sides whose 3 * side * side is not a multiple of 8 leave a tail, folded in byte by byte.
    for (int i = whole; i < p.length; i++) {
      h = mix(h ^ (p[i] & 0xFFL) ^ ((long) (i - whole + 1) << 8));
    }
    return h;
  }

  /** SplitMix64's finalizer (Steele, Lea and Flood, 2014): a cheap bijective mix with good avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
