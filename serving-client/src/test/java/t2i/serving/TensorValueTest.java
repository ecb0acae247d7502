package t2i.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorValueTest {
  @Test
  void concatenatedRowsSplitBackIntoTheParts() {
    TensorValue a = TensorValue.ofFloats(new float[] {1, 2, 3, 4}, 2, 2);
    TensorValue b = TensorValue.ofFloats(new float[] {5, 6}, 1, 2);
    TensorValue joined = TensorValue.concat(List.of(a, b));
    assertEquals(TensorValue.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 3, 2), joined);
    assertEquals(a, joined.rows(0, 2));
    assertEquals(b, joined.rows(2, 3));
    assertEquals(TensorValue.ofFloats(new float[0], 0, 2), joined.rows(1, 1));
    TensorValue s =
        TensorValue.concat(List.of(TensorValue.strings("x"), TensorValue.strings("y", "z")));
    assertEquals(TensorValue.strings("x", "y", "z"), s);
    assertEquals(TensorValue.strings("y", "z"), s.rows(1, 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> TensorValue.concat(List.of(a, TensorValue.ofFloats(new float[3], 1, 3))));
    assertThrows(
        IllegalArgumentException.class,
        () -> TensorValue.concat(List.of(a, TensorValue.strings("x"))));
    assertThrows(IllegalArgumentException.class, () -> joined.rows(2, 4));
  }

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
