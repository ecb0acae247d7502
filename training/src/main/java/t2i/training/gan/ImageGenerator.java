package t2i.training.gan;

import t2i.training.ImageGeometry;

/** Something that draws images from noise and text embeddings: the trainer or a loaded model. */
public interface ImageGenerator {
  /**
   * G in inference mode.
   *
   * @param z row-major {@code [n, zDim]}
   * @param text row-major {@code [n, embeddingDim]}
   * @return images row-major {@code [n, side, side, channels]} of {@link #imageGeometry()} in (−1,
   *     1)
   */
  float[] generate(float[] z, float[] text, int n);

  /** The run configuration G was built from. */
  GanTrainingConfig config();

  /** The length of z. */
  default int zDim() {
    return config().gan().zDim();
  }

  /** The images G draws, as its config states them. */
  default ImageGeometry imageGeometry() {
    return ImageGeometry.of(config().gan());
  }
}
