package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CifarBinaryRecordsTest {

  @Test
  void shouldReadLabelAndChannelPlanesInOrder() {
    byte[] record = new byte[CifarBinaryRecords.RECORD_BYTES];
    record[0] = 7;
    Arrays.fill(record, 1, 1 + 1024, (byte) 10); // red plane
    Arrays.fill(record, 1 + 1024, 1 + 2048, (byte) 20); // green plane
    Arrays.fill(record, 1 + 2048, 1 + 3072, (byte) 200); // blue plane, above 127 to check unsigned reading
    record[1 + 1024 + 32 * 5 + 3] = 99; // green, row 5, column 3

    LabeledImage image = CifarBinaryRecords.parse(record, "f.bin", 0);

    assertEquals(7, image.label());
    assertEquals(10, image.pixel(0, 0, 0));
    assertEquals(20, image.pixel(1, 31, 31));
    assertEquals(200, image.pixel(2, 16, 16));
    assertEquals(99, image.pixel(1, 5, 3));
  }

  @Test
  void shouldParseEveryRecordOfAStreamLazilyAndInOrder() {
    List<LabeledImage> expected = TestData.randomImages(1, 5, 10);
    byte[] data = TestData.cifarBytes(expected);

    List<LabeledImage> streamed = new ArrayList<>();
    CifarBinaryRecords.iterate(new ByteArrayInputStream(data), "data_batch_1.bin").forEachRemaining(streamed::add);

    assertEquals(expected, streamed);
  }

  @Test
  void shouldNameTheFileAndRecordOfATruncatedTail() {
    byte[] data = TestData.cifarBytes(TestData.randomImages(2, 3, 10));
    byte[] cut = Arrays.copyOf(data, data.length - 100);

    Iterator<LabeledImage> it = CifarBinaryRecords.iterate(new ByteArrayInputStream(cut), "data_batch_3.bin");
    it.next();
    BadInputException e = assertThrows(BadInputException.class, it::next);
    assertTrue(e.getMessage().contains("data_batch_3.bin"), e.getMessage());
    assertTrue(e.getMessage().contains("record 2"), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());

  }

  @Test
  void shouldRejectALabelOfTenOrMoreNamingTheFile() {
    byte[] data = TestData.cifarBytes(TestData.randomImages(3, 2, 10));
    data[CifarBinaryRecords.RECORD_BYTES] = 10; // label of the second record

    Iterator<LabeledImage> it = CifarBinaryRecords.iterate(new ByteArrayInputStream(data), "data_batch_2.bin");
    BadInputException e = assertThrows(BadInputException.class, it::next);
    assertTrue(e.getMessage().contains("data_batch_2.bin"), e.getMessage());
    assertTrue(e.getMessage().contains("label 10"), e.getMessage());
  }

  @Test
  void shouldEndCleanlyOnAnEmptyStream() {
    assertFalse(CifarBinaryRecords.iterate(new ByteArrayInputStream(new byte[0]), "empty.bin").hasNext());
  }

  @Test
  void shouldKeepPixelsImmutableAndCompareByContent() {
    byte[] pixels = new byte[LabeledImage.CIFAR_BYTES];
    pixels[0] = 5;
    LabeledImage a = new LabeledImage(3, pixels);
    pixels[0] = 6;
    LabeledImage b = new LabeledImage(3, TestData.randomImages(0, 1, 10).get(0).pixels());

    assertEquals(5, a.pixel(0, 0, 0));
    assertEquals(new LabeledImage(3, a.pixels()), a);
    assertEquals(new LabeledImage(3, a.pixels()).hashCode(), a.hashCode());
    assertFalse(a.equals(new LabeledImage(4, a.pixels())));
    assertFalse(a.equals(b));
    // pixels() hands out a copy: writing to it leaves the image unchanged
    byte[] handedOut = a.pixels();
    handedOut[0] = 7;
    assertEquals(5, a.pixel(0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new LabeledImage(0, new byte[10]));
  }
}
