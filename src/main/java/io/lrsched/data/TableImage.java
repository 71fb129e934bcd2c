package io.lrsched.data;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * One table row's image, still undecoded, with its label: what is shuffled before the costly decoding, as
 * {@link EncodedImage} is for files. The image is either encoded PNG/JPEG bytes or the pixels of Spark's image
 * struct (rows of interleaved BGR(A) or grey bytes, as {@code ImageSchema} stores them); a row that cannot be used
 * carries its problem instead.
 *
 * <p>A plain class, not a record, so that Spark's Kryo 4 serialises it field by field.
 */
final class TableImage implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Channels of an encoded image: unknown until it is decoded. */
  private static final int ENCODED = 0;

  private final String name;
  private final int label;
  private final byte[] bytes;
  private final int width;
  private final int height;
  private final int channels;
  private final String problem;

  private TableImage(String name, int label, byte[] bytes, int width, int height, int channels, String problem) {
    this.name = name;
    this.label = label;
    this.bytes = bytes;
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.problem = problem;
  }

  /**
   * Reads the image column of a row.
   *
   * @param name the row's name for messages (table and key)
   * @param label the class index; unused when {@code problem} is set
   * @param image the column's value: {@code byte[]} or an image-struct {@link Row}
   * @param problem what is already known to be wrong with the row (its label), or null
   */
  static TableImage of(String name, int label, Object image, String problem) {
    if (problem != null) {
      return bad(name, problem);
    }
    if (image == null) {
      return bad(name, "the image is null");
    }
    if (image instanceof byte[] encoded) {
      return new TableImage(name, label, encoded, 0, 0, ENCODED, null);
    }
    Row struct = (Row) image;
    String[] fields = {"height", "width", "nChannels", "data"};
    for (String field : fields) {
      if (struct.isNullAt(struct.fieldIndex(field))) {
        return bad(name, "image struct has no " + field);
      }
    }
    int h = struct.getInt(struct.fieldIndex("height"));
    int w = struct.getInt(struct.fieldIndex("width"));
    int c = struct.getInt(struct.fieldIndex("nChannels"));
    byte[] data = (byte[]) struct.get(struct.fieldIndex("data"));
    if (h < 1 || w < 1 || (c != 1 && c != 3 && c != 4) || (long) h * w * c != data.length) {
      return bad(name, "image struct of " + w + "x" + h + "x" + c + " (width x height x nChannels; nChannels 1, 3 or"
          + " 4) holds " + data.length + " bytes");
    }
    return new TableImage(name, label, data, w, h, c, null);
  }

  private static TableImage bad(String name, String problem) {
    return new TableImage(name, -1, null, 0, 0, ENCODED, name + ": " + problem);
  }

  /** Decodes and fits the image; a row that cannot be used becomes a {@link Decoded#bad} naming it. */
  Decoded decode(ImageFit fit) {
    if (problem != null) {
      return Decoded.bad(problem);
    }
    try {
      byte[] chw = channels == ENCODED
          ? ImageDecoder.decode(bytes, name, fit)
          : fit.fit(structToChw(), width, height, name);
      return Decoded.of(LabeledImage.wrap(label, chw));
    } catch (BadInputException e) {
      return Decoded.bad(e.getMessage());
    }
  }

  /** Interleaved BGR(A) or grey rows to RGB planes; alpha is dropped, grey is replicated, as the decoder does. */
  private byte[] structToChw() {
    int plane = width * height;
    byte[] chw = new byte[LabeledImage.CHANNELS * plane];
    for (int i = 0; i < plane; i++) {
      int at = i * channels;
      if (channels == 1) {
        chw[i] = bytes[at];
        chw[plane + i] = bytes[at];
        chw[2 * plane + i] = bytes[at];
      } else {
        chw[i] = bytes[at + 2];
        chw[plane + i] = bytes[at + 1];
        chw[2 * plane + i] = bytes[at];
      }
    }
    return chw;
  }
}
