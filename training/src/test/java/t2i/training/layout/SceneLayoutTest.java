package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import t2i.data.scenes.Box;

class SceneLayoutTest {
  static final SceneLayout TWO =
      new SceneLayout(
          "s",
          List.of(
              new LayoutObject(3, new Box(0.1, 0.2, 0.3, 0.4)),
              new LayoutObject(5, new Box(0.5, 0.25, 0.125, 0.5))),
          List.of("a", "b"),
          List.of(),
          List.of());

  @Test
  void targetsAreTheObjectsThenTheEndThenZeros() {
    assertArrayEquals(new int[] {3, 5, 20, 20}, TWO.labels(4, 20));
    assertArrayEquals(
        new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.25f, 0.125f, 0.5f, 0, 0, 0, 0, 0, 0, 0, 0},
        TWO.boxes(4));
  }

  @Test
  void objectsBeyondTheLastStepButOneAreCut() {
    assertArrayEquals(new int[] {3, 20}, TWO.labels(2, 20));
    assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0, 0, 0, 0}, TWO.boxes(2));
  }
}
