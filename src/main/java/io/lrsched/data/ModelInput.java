package io.lrsched.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a trained network needs to be used on new images: the class names in label order, the input size and the
 * normalisation of the pixels. Written into every run folder ({@code data.conf}) and meant to travel with a saved
 * model, so a prediction decodes, resizes and normalises an image exactly as training did.
 *
 * @param classNames class names, index i naming label i
 * @param imageSize side of the square input in pixels
 * @param resize how images of other sizes were brought to it (stretch, center-crop, pad, reject)
 * @param normalization the pixel normalisation, with its statistics
 */
public record ModelInput(List<String> classNames, int imageSize, String resize, Normalization normalization) {

  /** Defensive copy: the record stays immutable. */
  public ModelInput {
    classNames = List.copyOf(classNames);
  }

  /** As HOCON: {@code classes}, {@code image-size}, {@code resize}, {@code normalize}, {@code mean}, {@code std}. */
  public String toHocon() {
    StringBuilder text = new StringBuilder();
    toMap().forEach((key, value) -> text.append(key).append(" = ")
        .append(ConfigValueFactory.fromAnyRef(value).render(ConfigRenderOptions.concise())).append('\n'));
    return text.toString();
  }

  /** The fields as plain values, in the order of {@link #toHocon()}, for other metadata writers. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("classes", classNames);
    map.put("image-size", imageSize);
    map.put("resize", resize);
    map.put("normalize", normalization.kind());
    map.put("mean", Arrays.stream(normalization.mean()).boxed().toList());
    map.put("std", Arrays.stream(normalization.std()).boxed().toList());
    return map;
  }

  /**
   * Reads what {@link #toHocon()} wrote.
   *
   * @throws com.typesafe.config.ConfigException if a key is missing or has the wrong type
   */
  public static ModelInput parse(String hocon) {
    Config c = ConfigFactory.parseString(hocon);
    Normalization n = c.getString("normalize").equals(Normalization.UNIT)
        ? Normalization.unit()
        : Normalization.standardize(
            c.getDoubleList("mean").stream().mapToDouble(Double::doubleValue).toArray(),
            c.getDoubleList("std").stream().mapToDouble(Double::doubleValue).toArray());
    return new ModelInput(c.getStringList("classes"), c.getInt("image-size"), c.getString("resize"), n);
  }
}
