package io.lrsched.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;

/**
 * The tutorial's model for tests, written from the published facts of seed-spec.md (not from reference.conf, so that
 * tests of the model do not depend on the application's defaults): {@code ResNet.build(32, 32, 3, 10, (9, 9, 9),
 * (64, 64, 128, 256), reg=0.0005)} with the regularisation actually in effect (modules 1e-4), BN eps 2e-5 /
 * momentum 0.9, SGD lr 0.1 momentum 0.9.
 */
public final class TutorialSpec {
  private TutorialSpec() {}

  /**
   * @param dataFormat activation layout
   * @param seed weight-initialisation seed
   * @return the tutorial spec
   */
  public static ResNetSpec of(CNN2DFormat dataFormat, long seed) {
    return new ResNetSpec(32, 32, 3, 10, new int[] {9, 9, 9}, new int[] {64, 64, 128, 256},
        1e-4, 5e-4, 5e-4, 2e-5, 0.9, dataFormat, seed, 0.1, 0.9);
  }
}
