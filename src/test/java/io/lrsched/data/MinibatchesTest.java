package io.lrsched.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class MinibatchesTest {
  private final List<LabeledImage> images = TestData.randomImages(42, 3, 10);

  @Test
  void shouldLayOutNchwScaledToUnitRange() {
    DataSet ds = Minibatches.toDataSet(images, false, 10, Normalization.unit());
    INDArray f = ds.getFeatures();

    assertArrayEquals(new long[] {3, 3, 32, 32}, f.shape());
    assertEquals(DataType.FLOAT, f.dataType());
    for (int i = 0; i < images.size(); i++) {
      for (int c = 0; c < 3; c++) {
        for (int[] yx : new int[][] {{0, 0}, {7, 19}, {31, 31}}) {
          float expected = images.get(i).pixel(c, yx[0], yx[1]) / 255f;
          assertEquals(expected, f.getFloat(i, c, yx[0], yx[1]), 0f);
        }
      }
    }
    assertEquals(0.0, f.minNumber().doubleValue(), 0.01);
    assertEquals(1.0, f.maxNumber().doubleValue(), 0.01);
  }

  @Test
  void shouldLayOutNhwcWhenChannelsLast() {
    INDArray f = Minibatches.toDataSet(images, true, 10, Normalization.unit()).getFeatures();

    assertArrayEquals(new long[] {3, 32, 32, 3}, f.shape());
    for (int i = 0; i < images.size(); i++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(images.get(i).pixel(c, 4, 27) / 255f, f.getFloat(i, 4, 27, c), 0f);
        assertEquals(images.get(i).pixel(c, 31, 0) / 255f, f.getFloat(i, 31, 0, c), 0f);
      }
    }
  }

  @Test
  void shouldOneHotTheLabels() {
    INDArray labels = Minibatches.toDataSet(images, false, 12, Normalization.unit()).getLabels();

    assertArrayEquals(new long[] {3, 12}, labels.shape());
    for (int i = 0; i < images.size(); i++) {
      assertEquals(1.0, labels.getRow(i).sumNumber().doubleValue(), 0.0);
      assertEquals(1.0f, labels.getFloat(i, images.get(i).label()), 0f);
    }
  }

  @Test
  void shouldRejectALabelOutsideNumClasses() {
    LabeledImage nine = new LabeledImage(9, images.get(0).pixels());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Minibatches.toDataSet(List.of(nine), false, 5, Normalization.unit()));
    assertEquals(true, e.getMessage().contains("numClasses=5"), e.getMessage());
  }
}
