package t2i.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvenlySpacedTest {
  @Test
  void spreadsTheIndicesFromTheFirst() {
    assertArrayEquals(new int[] {0, 2, 5, 7}, EvenlySpaced.indices(10, 4));
    assertArrayEquals(new int[] {0, 1, 2}, EvenlySpaced.indices(3, 8));
    assertArrayEquals(new int[0], EvenlySpaced.indices(0, 4));
    assertEquals(List.of("a", "c"), EvenlySpaced.of(List.of("a", "b", "c", "d"), 2));
  }
}
