package io.lrsched.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a file's content to a stream: the one write path behind every {@link RunFolder} write.
 *
 * <p>Used by {@link RunFolder#write(String, StreamWriter)}; the stream is closed by the caller of this interface,
 * not by the implementation.
 */
@FunctionalInterface
public interface StreamWriter {
  /**
   * @param out the temporary file's stream; do not close it
   * @throws IOException if writing fails; the temporary file is then removed and nothing is renamed
   */
  void writeTo(OutputStream out) throws IOException;
}
