package t2i.graph;

/** How a variable starts. Random initial values come from seeded TF random ops. */
public sealed interface Init {
  /** U(−limit, limit): Reed's char-CNN-RNN initialisation (limit 0.08). */
  record Uniform(float limit) implements Init {}

  /** N(mean, stddev): DCGAN's weights N(0, 0.02) and batch-norm γ N(1, 0.02). */
  record Normal(float mean, float stddev) implements Init {}

  /** A constant, e.g. 0 for biases and β, 1 for moving variances. */
  record Constant(float value) implements Init {}

  static Init uniform(float limit) {
    return new Uniform(limit);
  }

  static Init normal(float mean, float stddev) {
    return new Normal(mean, stddev);
  }

  static Init constant(float value) {
    return new Constant(value);
  }

  static Init zeros() {
    return new Constant(0f);
  }
}
