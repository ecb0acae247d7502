package t2i.graph;

/** How a convolution or a pooling window treats the border, under TF's names. */
public enum Padding {
  /** Zeros around the input as needed: output side ⌈in / stride⌉. */
  SAME,
  /** Only where the window fits: output side ⌊(in − kernel) / stride⌋ + 1. */
  VALID;

  /**
   * The output side of the transposed convolution that inverts this padding: {@code in · stride}
   * for {@code SAME}, {@code (in − 1) · stride + kernel} for {@code VALID}.
   */
  int transposedSize(int in, int kernel, int stride) {
    return this == SAME ? in * stride : (in - 1) * stride + kernel;
  }
}
