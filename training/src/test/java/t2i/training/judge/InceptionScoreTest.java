package t2i.training.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InceptionScoreTest {
  @Test
  void confidentAndDiverseGivesTheClassCount() {
    float[] p = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    assertEquals(3.0, InceptionScore.of(p, 3, 3), 1e-9);
  }

  @Test
  void identicalRowsGiveOne() {
    float[] p = {0.2f, 0.8f, 0.2f, 0.8f};
    assertEquals(1.0, InceptionScore.of(p, 2, 2), 1e-6);
  }

  @Test
  void handComputedCase() {
    // p(y) = (0.5, 0.5); KL of each row = 0.75 ln 1.5 + 0.25 ln 0.5 = 0.1308121
    float[] p = {0.75f, 0.25f, 0.25f, 0.75f};
    assertEquals(Math.exp(0.75 * Math.log(1.5) + 0.25 * Math.log(0.5)), 1.1397535, 1e-6);
    assertEquals(1.1397535, InceptionScore.of(p, 2, 2), 1e-6);
  }
}
