package t2i.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorValueTest {
  @Test
  void valuesMustFillTheShape() {
    assertThrows(IllegalArgumentException.class, () -> TensorValue.ofFloats(new float[5], 2, 3));
    assertThrows(IllegalArgumentException.class, () -> TensorValue.ofFloats(new float[0], -1));
    assertEquals(6, TensorValue.ofFloats(new float[6], 2, 3).size());
    assertEquals(1, TensorValue.ofLongs(new long[] {4}).size()); // a scalar
  }

  @Test
  void immutableAndComparedByValue() {
    float[] data = {1, 2};
    TensorValue t = TensorValue.ofFloats(data, 2);
    data[0] = 9;
    t.floats()[1] = 9;
    assertArrayEquals(new float[] {1, 2}, t.floats());
    assertEquals(TensorValue.floats(1, 2), t);
    assertNotEquals(TensorValue.ofFloats(new float[] {1, 2}, 1, 2), t);
    assertEquals(TensorValue.strings("a"), TensorValue.ofBytes(List.of(new byte[] {'a'}), 1));
    assertThrows(IllegalStateException.class, t::longs);
  }

  @Test
  void stackAddsAFirstDimension() {
    TensorValue s =
        TensorValue.stack(
            List.of(
                TensorValue.ofInts(new int[] {1, 2}, 2), TensorValue.ofInts(new int[] {3, 4}, 2)));
    assertArrayEquals(new long[] {2, 2}, s.shape());
    assertArrayEquals(new int[] {1, 2, 3, 4}, s.ints());
    assertThrows(
        IllegalArgumentException.class,
        () -> TensorValue.stack(List.of(TensorValue.floats(1), TensorValue.floats(1, 2))));
  }
}
