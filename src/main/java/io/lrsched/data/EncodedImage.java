package io.lrsched.data;

import java.io.Serializable;

/**
 * An image file's undecoded bytes with its label: what the single task that streams an archive emits, so the
 * expensive decoding can be spread over all partitions after a cheap shuffle of small compressed files.
 *
 * <p>A plain class, not a record: Spark's Kryo 4 cannot serialize Java records ("can't get field offset on a
 * record class"), and drivers running DL4J commonly switch Kryo on.
 */
final class EncodedImage implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final int label;
  private final byte[] bytes;

  EncodedImage(String name, int label, byte[] bytes) {
    this.name = name;
    this.label = label;
    this.bytes = bytes;
  }

  /** Decodes and fits the image; a file that cannot be used becomes a {@link Decoded#bad} naming it. */
  Decoded decode(ImageFit fit) {
    try {
      return Decoded.of(LabeledImage.wrap(label, ImageDecoder.decode(bytes, name, fit)));
    } catch (BadInputException e) {
      return Decoded.bad(e.getMessage());
    }
  }
}
