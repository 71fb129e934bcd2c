package io.lrsched.data;

import java.io.Serializable;

/**
 * An image file's undecoded bytes with its label: what the single task that streams an archive emits, so the
 * expensive decoding can be spread over all partitions after a cheap shuffle of small compressed files.
 *
 * <p>A plain class, not a record, so that Spark's Kryo 4 serialises it field by field, as it does the images of a
 * shuffle; Kryo 4 cannot create records, which lrsched's Kryo setup sends through Java serialisation instead.
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

  /** The file's name: its path, or {@code archive!entry}. */
  String name() {
    return name;
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
