package io.lrsched.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelMetadataTest {

  @Test
  void shouldRoundTripClassNamesWithOddCharactersAndStandardisation() {
    ModelMetadata m = new ModelMetadata(List.of("cat, tabby", "dög", "x=y"), 32, 32, 3, true,
        new double[] {0.4914, 0.4822, 0.4465}, new double[] {0.247, 0.2435, 0.2616});
    ModelMetadata back = ModelMetadata.fromProperties(m.toProperties());
    assertEquals(m, back);
    assertEquals(List.of("cat, tabby", "dög", "x=y"), back.classNames());
    assertEquals(0.2616, back.std()[2], 0.0);
  }

  @Test
  void shouldRoundTripUnitScaling() {
    ModelMetadata m = ModelMetadata.unitScaled(List.of("a", "b"), 32, 32, 3, false);
    ModelMetadata back = ModelMetadata.fromProperties(m.toProperties());
    assertEquals(m, back);
    assertTrue(!back.standardised() && !back.channelsLast());
  }

  @Test
  void shouldNameAMissingKey() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelMetadata.fromProperties("classes=2\nclass.0=a\n"));
    assertTrue(e.getMessage().contains("class.1"), e.getMessage());
  }
}
