package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

class SjeLossTest {
  @Test
  void matchesTheHandComputedValueOnATinyBatch() {
    // Three classes, 2-d embeddings.
    float[][] images = {{1, 0}, {0, 1}, {1, 1}};
    float[][] texts = {{2, 0}, {0.5f, 0.5f}, {0, 1}};
    // S[i][j] = images[i]·texts[j]:
    //   S = [[2, 0.5, 0], [0, 0.5, 1], [2, 1, 1]], diagonal (2, 0.5, 1)
    // image→text, row i: Σ_{j≠i} max(0, 1 + S[i][j] − S[i][i])
    //   i=0: max(0, 1+0.5−2)=0, max(0, 1+0−2)=0            → 0
    //   i=1: max(0, 1+0−0.5)=0.5, max(0, 1+1−0.5)=1.5       → 2
    //   i=2: max(0, 1+2−1)=2, max(0, 1+1−1)=1               → 3
    // text→image, column i: Σ_{j≠i} max(0, 1 + S[j][i] − S[i][i])
    //   i=0: max(0, 1+0−2)=0, max(0, 1+2−2)=1               → 1
    //   i=1: max(0, 1+0.5−0.5)=1, max(0, 1+1−0.5)=1.5       → 2.5
    //   i=2: max(0, 1+0−1)=0, max(0, 1+1−1)=1               → 1
    // L = (0 + 2 + 3 + 1 + 2.5 + 1) / 3 = 9.5 / 3
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var loss = SjeLoss.build(tf, tf.constant(images), tf.constant(texts), 3);
      assertEquals(9.5f / 3, GraphTesting.fetch(s, loss)[0], 1e-6);
    }
  }

  @Test
  void theSoftmaxSurrogateIsTheCrossEntropyBothWays() {
    float[][] images = {{1, 0}, {0, 1}, {1, 1}};
    float[][] texts = {{2, 0}, {0.5f, 0.5f}, {0, 1}};
    // S = [[2, 0.5, 0], [0, 0.5, 1], [2, 1, 1]] as above; per row i −log(e^S[i][i] / Σ_j
    // e^S[i][j]), per column i −log(e^S[i][i] / Σ_j e^S[j][i]), summed and divided by 3.
    double[][] scores = {{2, 0.5, 0}, {0, 0.5, 1}, {2, 1, 1}};
    double expected = 0;
    for (int i = 0; i < 3; i++) {
      double row = 0;
      double column = 0;
      for (int j = 0; j < 3; j++) {
        row += Math.exp(scores[i][j]);
        column += Math.exp(scores[j][i]);
      }
      expected += Math.log(row) - scores[i][i] + Math.log(column) - scores[i][i];
    }
    expected /= 3;
    assertEquals(1.98436, expected, 1e-5, "the hand computation itself");
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var loss =
          SjeLoss.build(tf, SjeLoss.Surrogate.SOFTMAX, tf.constant(images), tf.constant(texts), 3);
      assertEquals(expected, GraphTesting.fetch(s, loss)[0], 1e-5);
    }
  }

  @Test
  void surrogatesHaveStableNames() {
    assertEquals(SjeLoss.Surrogate.SOFTMAX, SjeLoss.Surrogate.of("softmax"));
    assertEquals("hinge", SjeLoss.Surrogate.HINGE.label());
    assertThrows(IllegalArgumentException.class, () -> SjeLoss.Surrogate.of("triplet"));
  }

  @Test
  void wellSeparatedEmbeddingsCostNothing() {
    float[][] e = {{5, 0, 0}, {0, 5, 0}, {0, 0, 5}};
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      assertEquals(
          0f, GraphTesting.fetch(s, SjeLoss.build(tf, tf.constant(e), tf.constant(e), 3))[0]);
    }
  }
}
