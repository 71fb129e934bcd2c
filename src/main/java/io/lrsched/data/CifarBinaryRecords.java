package io.lrsched.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Parser for the CIFAR-10 binary format: a file is a sequence of 3073-byte records, each one label byte (0-9)
 * followed by 1024 red, 1024 green and 1024 blue bytes, which is exactly {@link LabeledImage}'s layout.
 *
 * <p>Pure Java (no Spark), so the format rules are unit-testable. Errors name the file (or archive entry) and the
 * record index, because a truncated download or the CIFAR-100 format (two label bytes) fed by mistake otherwise
 * surfaces as garbage labels deep in training.
 */
public final class CifarBinaryRecords {
  /** Bytes per record: one label byte then {@value LabeledImage#CIFAR_BYTES} pixel bytes. */
  public static final int RECORD_BYTES = 1 + LabeledImage.CIFAR_BYTES;

  private CifarBinaryRecords() {}

  /**
   * Parses one record.
   *
   * @param record exactly {@value #RECORD_BYTES} bytes
   * @param source file name for error messages
   * @param index record index in that file, for error messages
   */
  public static LabeledImage parse(byte[] record, String source, long index) {
    if (record.length != RECORD_BYTES) {
      throw truncated(source, index, record.length);
    }
    int label = record[0] & 0xFF;
    checkLabel(label, source, index);
    byte[] pixels = new byte[LabeledImage.CIFAR_BYTES];
    System.arraycopy(record, 1, pixels, 0, LabeledImage.CIFAR_BYTES);
    return LabeledImage.wrap(label, pixels);
  }

  /**
   * A lazy iterator over the records of a stream, reading one record per {@code next()} so a 30 MB batch file is
   * never held in memory at once. The caller closes the stream.
   */
  public static Iterator<LabeledImage> iterate(InputStream in, String source) {
    return new RecordIterator(in, source);
  }

  private static void checkLabel(int label, String source, long index) {
    if (label >= LabeledImage.CIFAR_CLASSES) {
      throw new BadInputException(
          source + ": record " + index + " has label " + label + ", CIFAR-10 labels are 0-"
              + (LabeledImage.CIFAR_CLASSES - 1)
              + " (is this the CIFAR-100 binary format?)");
    }
  }

  private static BadInputException truncated(String source, long index, int got) {
    return new BadInputException(
        source + ": record " + index + " is truncated (" + got + " of " + RECORD_BYTES
            + " bytes); CIFAR-10 binary files hold whole 3073-byte records");
  }

  /** Reads ahead one record so {@code hasNext()} can tell a clean end from a truncated tail. */
  private static final class RecordIterator implements Iterator<LabeledImage> {
    private final InputStream in;
    private final String source;
    private long index;
    private LabeledImage next;

    RecordIterator(InputStream in, String source) {
      this.in = in;
      this.source = source;
      advance();
    }

    private void advance() {
      byte[] record = new byte[RECORD_BYTES];
      int got = readFully(record);
      if (got == 0) {
        next = null;
        return;
      }
      if (got < RECORD_BYTES) {
        throw truncated(source, index, got);
      }
      next = parse(record, source, index);
      index++;
    }

    private int readFully(byte[] buf) {
      int total = 0;
      try {
        while (total < buf.length) {
          int n = in.read(buf, total, buf.length - total);
          if (n < 0) {
            break;
          }
          total += n;
        }
      } catch (IOException e) {
        throw new BadInputException(source + ": read failed at record " + index + " (" + e.getMessage() + ")", e);
      }
      return total;
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public LabeledImage next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      LabeledImage current = next;
      advance();
      return current;
    }
  }
}
