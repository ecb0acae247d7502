package t2i.training.layout;

import java.util.List;
import t2i.data.scenes.SceneRecord;
import t2i.error.UserException;
import t2i.training.embedding.CaptionEncoder;
import t2i.training.gan.GanModel;
import t2i.training.gan.Noise;

/**
 * The row of the paper's Table 1 without a layout: Reed et al.'s GAN-INT-CLS trained on the scenes
 * ({@code t2i train gan --data SCENES}), drawing each scene's caption from its encoding alone. Its
 * images are scored at the scenes' true boxes, the only layout there is to read them by.
 */
public final class NoLayoutRow {
  public static final String CONDITION = "GAN-INT-CLS, no layout";

  private NoLayoutRow() {}

  /**
   * Scene {@code i} drawn for {@code captions.get(i)} with the noise of seed {@code seed + i}.
   *
   * @param encoder the caption encoder that made the GAN's training embeddings
   */
  public static RenderedScenes render(
      GanModel gan,
      CaptionEncoder encoder,
      List<SceneRecord> scenes,
      List<String> captions,
      long seed) {
    int dim = gan.config().gan().embeddingDim();
    if (encoder.dim() != dim) {
      throw new UserException(
          "the GAN reads " + dim + "-value captions; its caption encoder gives " + encoder.dim());
    }
    int n = captions.size();
    int zDim = gan.config().gan().zDim();
    float[] z = new float[n * zDim];
    for (int i = 0; i < n; i++) {
      System.arraycopy(Noise.forSeed(seed + i, zDim), 0, z, i * zDim, zDim);
    }
    float[] images = gan.generate(z, encoder.encodeTexts(captions), n);
    List<List<LayoutObject>> layouts =
        scenes.stream().map(s -> SceneLayout.of(s).objects()).toList();
    return new RenderedScenes(CONDITION, gan.config().gan().imageSize(), images, layouts, captions);
  }
}
