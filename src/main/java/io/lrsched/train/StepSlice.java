package io.lrsched.train;

import io.lrsched.data.LabeledImage;
import java.io.Serializable;
import java.util.List;

/**
 * One worker's share of one global step: the images it trains on in that local step.
 *
 * @param step the global step within the epoch (0-based)
 * @param images the worker's images for that step, in a fixed order
 */
record StepSlice(int step, List<LabeledImage> images) implements Serializable {}
