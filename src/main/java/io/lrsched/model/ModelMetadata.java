package io.lrsched.model;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What a saved network needs besides its weights to be used on new images without the experiment file: the class
 * names in label order, the input shape and layout, and the normalisation its inputs went through in training.
 *
 * <p>Inputs are 8-bit pixels scaled to [0, 1] ({@code pixel / 255}); with standardisation each channel c is then
 * mapped to {@code (x - mean[c]) / std[c]}. Stored as a properties text inside the model's zip (see {@link
 * ModelFile}), so {@code unzip -p model.zip lrsched-model.properties} shows it.
 *
 * @param classNames the class of each output, in label order
 * @param height input height in pixels
 * @param width input width in pixels
 * @param channels input channels
 * @param channelsLast whether the network takes NHWC (else NCHW) minibatches
 * @param mean per-channel mean subtracted after scaling to [0, 1]; empty for none
 * @param std per-channel standard deviation divided by after subtracting the mean; empty for none
 */
public record ModelMetadata(
    List<String> classNames, int height, int width, int channels, boolean channelsLast, double[] mean,
    double[] std) {

  private static final String FORMAT = "1";

  /** Validates and copies. */
  public ModelMetadata {
    classNames = List.copyOf(classNames);
    if (classNames.isEmpty()) {
      throw new IllegalArgumentException("a model needs at least one class name");
    }
    mean = mean.clone();
    std = std.clone();
    if (mean.length != std.length || (mean.length != 0 && mean.length != channels)) {
      throw new IllegalArgumentException("standardisation needs one mean and one std per channel (" + channels
          + "), or neither; got " + mean.length + " and " + std.length);
    }
    for (double s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("standardisation std must be > 0; got " + Arrays.toString(std));
      }
    }
  }

  /**
   * Inputs scaled to [0, 1] only, the tutorial's preprocessing.
   *
   * @param classNames the class of each output, in label order
   * @param height input height in pixels
   * @param width input width in pixels
   * @param channels input channels
   * @param channelsLast whether the network takes NHWC minibatches
   */
  public static ModelMetadata unitScaled(
      List<String> classNames, int height, int width, int channels, boolean channelsLast) {
    return new ModelMetadata(classNames, height, width, channels, channelsLast, new double[0], new double[0]);
  }

  /** Whether inputs are standardised per channel after scaling. */
  public boolean standardised() {
    return mean.length > 0;
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] std() {
    return std.clone();
  }

  /** The properties text stored in the model's zip. */
  public String toProperties() {
    Properties p = new Properties();
    p.setProperty("format", FORMAT);
    p.setProperty("classes", Integer.toString(classNames.size()));
    for (int i = 0; i < classNames.size(); i++) {
      p.setProperty("class." + i, classNames.get(i));
    }
    p.setProperty("input.height", Integer.toString(height));
    p.setProperty("input.width", Integer.toString(width));
    p.setProperty("input.channels", Integer.toString(channels));
    p.setProperty("input.layout", channelsLast ? "NHWC" : "NCHW");
    p.setProperty("input.scale", "pixel / 255");
    if (standardised()) {
      p.setProperty("input.mean", join(mean));
      p.setProperty("input.std", join(std));
    }
    StringWriter out = new StringWriter();
    try {
      p.store(out, "lrsched model metadata: classes in label order and the input's preprocessing");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Parses {@link #toProperties()}'s text.
   *
   * @throws IllegalArgumentException naming the key that is missing or malformed
   */
  public static ModelMetadata fromProperties(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("model metadata is not a properties text: " + e.getMessage(), e);
    }
    int classes = integer(p, "classes");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      names.add(required(p, "class." + i));
    }
    String layout = required(p, "input.layout");
    if (!layout.equals("NHWC") && !layout.equals("NCHW")) {
      throw new IllegalArgumentException("model metadata input.layout = " + layout + ": expected NHWC or NCHW");
    }
    return new ModelMetadata(names, integer(p, "input.height"), integer(p, "input.width"),
        integer(p, "input.channels"), layout.equals("NHWC"), numbers(p, "input.mean"), numbers(p, "input.std"));
  }

  private static String join(double[] values) {
    return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
  }

  private static double[] numbers(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      return new double[0];
    }
    try {
      return Arrays.stream(value.split(",")).map(String::strip).mapToDouble(Double::parseDouble).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("model metadata " + key + " = " + value + ": expected numbers", e);
    }
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("model metadata lacks '" + key + "'");
    }
    return value;
  }

  private static int integer(Properties p, String key) {
    String value = required(p, key);
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("model metadata " + key + " = " + value + ": expected a whole number", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelMetadata m && classNames.equals(m.classNames) && height == m.height
        && width == m.width && channels == m.channels && channelsLast == m.channelsLast
        && Arrays.equals(mean, m.mean) && Arrays.equals(std, m.std);
  }

  @Override
  public int hashCode() {
    return classNames.hashCode() * 31 + Arrays.hashCode(mean);
  }

  @Override
  public String toString() {
    return classNames.size() + " classes " + classNames + ", input " + height + "x" + width + "x" + channels + " "
        + (channelsLast ? "NHWC" : "NCHW") + ", pixel / 255"
        + (standardised() ? ", then (x - " + Arrays.toString(mean) + ") / " + Arrays.toString(std) : "");
  }
}
