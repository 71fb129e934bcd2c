package io.lrsched.data;

import java.io.Serializable;

/**
 * What reading one image file gave: the image, or the file's name and what is wrong with it. Lets a split be
 * decoded once and then either fail on its first bad file or skip and count the bad ones ({@code data.on-bad-image}).
 *
 * <p>A plain class, not a record: Spark's Kryo 4 cannot serialize Java records.
 */
public final class Decoded implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LabeledImage image;
  private final String problem;

  private Decoded(LabeledImage image, String problem) {
    this.image = image;
    this.problem = problem;
  }

  /** A good image. */
  public static Decoded of(LabeledImage image) {
    return new Decoded(image, null);
  }

  /** @param problem one line naming the file and what is wrong with it */
  public static Decoded bad(String problem) {
    return new Decoded(null, problem);
  }

  /** Whether the file could not be used. */
  public boolean isBad() {
    return image == null;
  }

  /** The image; null for a bad file. */
  public LabeledImage image() {
    return image;
  }

  /**
   * The image, for a caller that fails on the first bad file.
   *
   * @throws BadInputException with the problem, for a bad file
   */
  public LabeledImage imageOrThrow() {
    if (image == null) {
      throw new BadInputException(problem);
    }
    return image;
  }

  /** The problem; null for a good image. */
  public String problem() {
    return problem;
  }
}
