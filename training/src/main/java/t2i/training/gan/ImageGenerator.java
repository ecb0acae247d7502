package t2i.training.gan;

/** Something that draws images from noise and text embeddings: the trainer or a loaded model. */
public interface ImageGenerator {
  /**
   * G in inference mode.
   *
   * @param z row-major {@code [n, zDim]}
   * @param text row-major {@code [n, embeddingDim]}
   * @return images row-major {@code [n, 64, 64, 3]} in (−1, 1)
   */
  float[] generate(float[] z, float[] text, int n);

  /** The length of z. */
  int zDim();
}
