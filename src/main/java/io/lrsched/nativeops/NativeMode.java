package io.lrsched.nativeops;

import java.util.Locale;

/** Which native configuration {@link NativeSetup} installs. */
public enum NativeMode {
  /** The fastest configuration this CPU supports: oneDNN build of libnd4j and DL4J's oneDNN layer helpers. */
  FAST,
  /** DL4J's reference path: plain libnd4j build, layer helpers off (im2col + OpenBLAS gemm in DL4J's own code). */
  REFERENCE;

  /**
   * Parses a user-supplied mode name.
   *
   * @param value {@code fast} or {@code reference}, any case
   * @return the mode
   * @throws IllegalArgumentException for any other value
   */
  public static NativeMode parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "fast" -> FAST;
      case "reference" -> REFERENCE;
      default -> throw new IllegalArgumentException(NativeSetup.MODE_PROPERTY + " must be 'fast' or 'reference', got '"
          + value + "'");
    };
  }
}
