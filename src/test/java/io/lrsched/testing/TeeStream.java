package io.lrsched.testing;

import java.io.IOException;
import java.io.OutputStream;

/** Writes to two streams: tests keep a copy of what lrsched prints while the test log still shows the run. */
public final class TeeStream extends OutputStream {
  private final OutputStream a;
  private final OutputStream b;

  public TeeStream(OutputStream a, OutputStream b) {
    this.a = a;
    this.b = b;
  }

  @Override
  public void write(int x) throws IOException {
    a.write(x);
    b.write(x);
  }

  @Override
  public void write(byte[] bytes, int off, int len) throws IOException {
    a.write(bytes, off, len);
    b.write(bytes, off, len);
  }
}
