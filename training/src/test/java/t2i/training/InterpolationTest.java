package t2i.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import t2i.training.gan.Noise;

class InterpolationTest {
  @Test
  void betaIsTheWeightOfTheSecondVector() {
    float[] a = {1, 2, 3};
    float[] b = {5, 6, 7};
    float[] out = new float[3];
    Interpolation.lerp(a, 0, b, 0, 0f, out, 0, 3);
    assertArrayEquals(a, out);
    Interpolation.lerp(a, 0, b, 0, 1f, out, 0, 3);
    assertArrayEquals(b, out);
    Interpolation.lerp(a, 0, b, 0, 0.25f, out, 0, 3);
    assertArrayEquals(new float[] {2, 3, 4}, out);
  }

  @Test
  void offsetsSelectRowsOfRowMajorArrays() {
    float[] rows = {0, 0, 4, 8};
    float[] out = new float[4];
    Interpolation.lerp(rows, 0, rows, 2, 0.5f, out, 2, 2);
    assertArrayEquals(new float[] {0, 0, 2, 4}, out);
  }

  @Test
  void atOneHalfItIsBitForBitGanIntsFormerMix() {
    // Runs trained before the one convention mixed 0.5·t_i + 0.5·t_next; resumes stay exact.
    float[] t = Noise.normal(new SplittableRandom(3), 2 * 64);
    float[] mixed = new float[64];
    Interpolation.lerp(t, 0, t, 64, 0.5f, mixed, 0, 64);
    for (int d = 0; d < 64; d++) {
      assertEquals(0.5f * t[d] + (1 - 0.5f) * t[64 + d], mixed[d], 0f);
    }
  }

  @Test
  void betweenStartsAndEndsExactlyAtTheEnds() {
    float[] a = Noise.normal(new SplittableRandom(1), 16);
    float[] b = Noise.normal(new SplittableRandom(2), 16);
    float[] path = Interpolation.between(a, b, 5);
    assertArrayEquals(a, Arrays.copyOfRange(path, 0, 16));
    assertArrayEquals(b, Arrays.copyOfRange(path, 4 * 16, 5 * 16));
    assertThrows(IllegalArgumentException.class, () -> Interpolation.between(a, b, 1));
  }
}
