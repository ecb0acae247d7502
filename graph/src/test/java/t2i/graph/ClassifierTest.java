package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

class ClassifierTest {
  @Test
  void theCrossEntropyIsTheMeanNegativeLogSoftmaxOfTheLabels() {
    float[][] logits = {{2, 0, 0}, {0, 1, 3}};
    int[] labels = {0, 1};
    // row 0: log(e^2 + 2) − 2; row 1: log(1 + e + e^3) − 1
    double expected = (Math.log(Math.exp(2) + 2) - 2 + Math.log(1 + Math.E + Math.exp(3)) - 1) / 2;
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var loss = Classifier.crossEntropy(tf, tf.constant(logits), tf.constant(labels), 3);
      assertEquals(expected, GraphTesting.fetch(s, loss)[0], 1e-5);
    }
  }
}
