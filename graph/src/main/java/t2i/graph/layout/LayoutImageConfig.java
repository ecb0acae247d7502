package t2i.graph.layout;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import t2i.graph.Dcgan;
import t2i.graph.ImageTrunk;

/**
 * The layout-conditioned image generator and its discriminator ({@code LAYOUT_SPEC.md} §4). The
 * paper states no widths: every size here is ours [G].
 *
 * @param classes L, the label map's channels
 * @param embeddingDim the sentence embedding's size
 * @param imageSize the side of the image and of the label map, a power of two ≥ 8
 * @param zDim noise size
 * @param textDim size of G's second text projection FC(s), tiled beside the gated features
 * @param encoderWidths channels of G's 4×4 stride-2 encoder convolutions, one per halving of the
 *     side; the last is d, the channels of A
 * @param residualBlocks G's bottleneck residual blocks at the encoder's side
 * @param decoderWidths channels of G's cascaded refinement layers, one per doubling of the side
 *     back to the image (as many as {@code encoderWidths})
 * @param ndf D's width: channels of its first 4×4 stride-2 convolution, doubling per step to 4×4
 * @param discriminatorTextDim the text projection D tiles over its 4×4 grid
 */
public record LayoutImageConfig(
    int classes,
    int embeddingDim,
    int imageSize,
    int zDim,
    int textDim,
    List<Integer> encoderWidths,
    int residualBlocks,
    List<Integer> decoderWidths,
    int ndf,
    int discriminatorTextDim) {

  public static final List<String> PRESETS = List.of("cpu", "paper", "tiny");

  public LayoutImageConfig {
    checkArgument(classes > 0, "classes must be > 0, was %s", classes);
    checkArgument(embeddingDim > 0, "embeddingDim must be > 0, was %s", embeddingDim);
    Dcgan.checkImageSize(imageSize);
    checkArgument(zDim > 0, "zDim must be > 0, was %s", zDim);
    checkArgument(textDim > 0, "textDim must be > 0, was %s", textDim);
    encoderWidths = List.copyOf(encoderWidths);
    decoderWidths = List.copyOf(decoderWidths);
    checkArgument(!encoderWidths.isEmpty(), "the encoder needs at least one convolution");
    checkArgument(
        encoderWidths.stream().allMatch(w -> w > 0) && decoderWidths.stream().allMatch(w -> w > 0),
        "widths must be > 0, were %s and %s",
        encoderWidths,
        decoderWidths);
    checkArgument(
        decoderWidths.size() == encoderWidths.size(),
        "%s decoder layers for %s encoder layers: the decoder must return to the image's side",
        decoderWidths.size(),
        encoderWidths.size());
    checkArgument(
        imageSize >> encoderWidths.size() >= 2,
        "%s halvings of a %s-pixel image leave less than 2x2",
        encoderWidths.size(),
        imageSize);
    checkArgument(residualBlocks >= 0, "residualBlocks must be >= 0, was %s", residualBlocks);
    int d = encoderWidths.get(encoderWidths.size() - 1);
    checkArgument(
        residualBlocks == 0 || d >= 4, "a residual block needs d >= 4 channels, was %s", d);
    checkArgument(ndf > 0, "ndf must be > 0, was %s", ndf);
    checkArgument(
        discriminatorTextDim > 0, "discriminatorTextDim must be > 0, was %s", discriminatorTextDim);
  }

  /**
   * 64×64 for the 2-core machine: A is 8×8×128 (encoder 32, 64, 128), two residual blocks,
   * refinement layers of 128, 64, 32 channels at 16, 32 and 64 pixels; D from 32 channels.
   */
  public static LayoutImageConfig cpu(int classes, int embeddingDim) {
    return new LayoutImageConfig(
        classes,
        embeddingDim,
        64,
        100,
        128,
        List.of(32, 64, 128),
        2,
        List.of(128, 64, 32),
        32,
        128);
  }

  /**
   * 128×128 as in the paper, for a GPU: A is 8×8×512 (encoder 64 … 512), four residual blocks,
   * refinement layers of 512 … 64 channels; D from 64 channels.
   */
  public static LayoutImageConfig paper(int classes, int embeddingDim) {
    return new LayoutImageConfig(
        classes,
        embeddingDim,
        128,
        100,
        128,
        List.of(64, 128, 256, 512),
        4,
        List.of(512, 256, 128, 64),
        64,
        128);
  }

  /** 16×16 and a few channels, for tests. */
  public static LayoutImageConfig tiny(int classes, int embeddingDim) {
    return new LayoutImageConfig(
        classes, embeddingDim, 16, 4, 4, List.of(4, 8), 1, List.of(8, 4), 4, 4);
  }

  /** The preset {@code name} (cpu, paper, tiny). */
  public static LayoutImageConfig preset(String name, int classes, int embeddingDim) {
    return switch (name) {
      case "cpu" -> cpu(classes, embeddingDim);
      case "paper" -> paper(classes, embeddingDim);
      case "tiny" -> tiny(classes, embeddingDim);
      default ->
          throw new IllegalArgumentException(
              "unknown layout-image preset '" + name + "' (cpu, paper, tiny)");
    };
  }

  /** d, the channels of the encoded label map A. */
  public int features() {
    return encoderWidths.get(encoderWidths.size() - 1);
  }

  /** The side of A: the image side halved once per encoder convolution. */
  public int featureSide() {
    return imageSize >> encoderWidths.size();
  }

  /** D's convolutions over the image and the label map, concatenated ({@code 3 + L} channels). */
  public ImageTrunk discriminatorTrunk() {
    return new ImageTrunk(ndf, imageSize, Dcgan.IMAGE_CHANNELS + classes);
  }
}
