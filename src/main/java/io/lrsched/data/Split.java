package io.lrsched.data;

import java.util.Locale;

/** The two halves of an image-classification data set; the test split doubles as the validation set. */
public enum Split {
  TRAIN,
  TEST;

  /** The lower-case name used for folder names in image-folder layouts: {@code train} or {@code test}. */
  public String folderName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
