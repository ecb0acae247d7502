package t2i.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.data.batch.Batch;

class BatchTensorsTest {
  @Test
  void imagesKeepNhwcLayoutAndValues() {
    float[] images = new float[2 * 2 * 3 * 3];
    for (int i = 0; i < images.length; i++) {
      images[i] = i / 100f;
    }
    Batch b =
        new Batch(
            0,
            2,
            2,
            3,
            images,
            new int[2],
            new int[2],
            new String[2],
            new int[2],
            new String[2],
            new int[2],
            new int[2]);
    try (TFloat32 t = BatchTensors.images(b)) {
      assertEquals(4, t.shape().numDimensions());
      assertEquals(2, t.shape().get(1));
      assertEquals(3, t.shape().get(2));
      // element [1, 0, 2, 1] = flat index ((1*2 + 0)*3 + 2)*3 + 1 = 25
      assertEquals(0.25f, t.getFloat(1, 0, 2, 1), 1e-6);
    }
  }

  @Test
  void charsAreReedIdsPaddedTo201() {
    try (TInt32 t = BatchTensors.chars(new String[] {"Ab", ""})) {
      assertEquals(201, t.shape().get(1));
      assertEquals(1, t.getInt(0, 0));
      assertEquals(2, t.getInt(0, 1));
      assertEquals(0, t.getInt(0, 2));
      assertEquals(0, t.getInt(1, 0));
    }
  }
}
