package io.lrsched.data;

import java.io.Serializable;

/**
 * An image file's undecoded bytes with its label: what the single task that streams an archive emits, so the
 * expensive decoding can be spread over all partitions after a cheap shuffle of small compressed files.
 */
record EncodedImage(String name, int label, byte[] bytes) implements Serializable {
  LabeledImage decode() {
    return LabeledImage.wrap(label, ImageDecoder.decodeChw(bytes, name));
  }
}
