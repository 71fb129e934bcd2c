package io.lrsched.config;

import java.io.Serializable;

/**
 * Where the images come from and how much of them to use.
 *
 * @param source synthetic, cifar-binary, image-folder or table
 * @param path folder or archive URI, or the table's path or catalog name; empty for synthetic
 * @param trainSubset size of the seeded training subset, 0 for all
 * @param testSubset size of the seeded test subset, 0 for all
 * @param partitions partitions of the cached image RDDs, 0 for Spark's default parallelism
 * @param syntheticTrainSize images in the synthetic training split
 * @param syntheticTestSize images in the synthetic test split
 * @param syntheticClasses classes of the synthetic set
 * @param imageSize side of the square network input in pixels
 * @param resize reject, stretch, center-crop or pad
 * @param skipBadImages skip and count bad files instead of failing on the first
 * @param normalize unit or standardize
 * @param augment random crop and flip of training images per epoch
 * @param augmentPadding zero padding (largest shift) of the random crop, in pixels
 * @param validationSplit fraction of every class's training images held out for validation and never trained on; 0
 *     = validate on the test split (the tutorial)
 * @param table how a Spark SQL table holds the images (table only)
 */
public record DataSettings(
    String source,
    String path,
    int trainSubset,
    int testSubset,
    int partitions,
    int syntheticTrainSize,
    int syntheticTestSize,
    int syntheticClasses,
    int imageSize,
    String resize,
    boolean skipBadImages,
    String normalize,
    boolean augment,
    int augmentPadding,
    double validationSplit,
    TableSettings table)
    implements Serializable {

  /** Whether validation uses images held out of the training split rather than the test split. */
  public boolean holdsOutValidation() {
    return validationSplit > 0;
  }
}
