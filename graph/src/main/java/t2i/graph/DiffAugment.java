package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Differentiable augmentation for the discriminator (Zhao et al., NeurIPS 2020), translation and
 * cutout only: colour is left alone, for it carries the caption. Every image D sees, real or
 * generated, is shifted by up to {@code side/8} pixels each way (the uncovered border zero) and has
 * a {@code side/2} square cut out (zero) at a random place, each image its own draw. The draws are
 * made on the host from a seeded random ({@link #draw}) and fed: the graph is a gather from the
 * zero-padded images and a product with the mask, both of which pass gradients to G.
 *
 * @param side the images' side
 * @param channels their channels
 */
public record DiffAugment(int side, int channels) {
  public DiffAugment {
    checkArgument(side >= 8, "side must be >= 8, was %s", side);
    checkArgument(channels > 0, "channels must be > 0, was %s", channels);
  }

  /** The largest shift, each way: an eighth of the side. */
  public int maxShift() {
    return side / 8;
  }

  /** The side of the square cut out: half the side. */
  public int cutoutSide() {
    return side / 2;
  }

  private int paddedSide() {
    return side + 2 * maxShift();
  }

  /**
   * One batch's draws.
   *
   * @param sources for each output pixel {@code [n, y, x]} (row-major), the row of the zero-padded
   *     images {@code [n·(side + 2·maxShift)², channels]} it copies
   * @param mask {@code [n, side, side, 1]}: 0 inside the cut-out square (rows and columns {@code [c
   *     − cutoutSide/2, c + cutoutSide/2)} around a centre drawn anywhere in the image, clipped at
   *     its edges), 1 elsewhere
   */
  public record Draw(int n, int[] sources, float[] mask) {}

  /** Shifts and squares for {@code n} images. */
  public Draw draw(SplittableRandom random, int n) {
    int p = maxShift();
    int padded = paddedSide();
    int[] sources = new int[n * side * side];
    float[] mask = new float[n * side * side];
    Arrays.fill(mask, 1f);
    int half = cutoutSide() / 2;
    for (int i = 0; i < n; i++) {
      int dy = random.nextInt(-p, p + 1);
      int dx = random.nextInt(-p, p + 1);
      int cy = random.nextInt(side);
      int cx = random.nextInt(side);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          int at = (i * side + y) * side + x;
          sources[at] = (i * padded + y - dy + p) * padded + (x - dx + p);
          if (y >= cy - half && y < cy + half && x >= cx - half && x < cx + half) {
            mask[at] = 0f;
          }
        }
      }
    }
    return new Draw(n, sources, mask);
  }

  /**
   * The augmented images.
   *
   * @param images {@code [n, side, side, channels]}
   * @param sources {@link Draw#sources()}, {@code [n·side·side]}
   * @param mask {@link Draw#mask()}, {@code [n, side, side, 1]}
   */
  public Operand<TFloat32> apply(
      Ops tf, Operand<TFloat32> images, Operand<TInt32> sources, Operand<TFloat32> mask) {
    int p = maxShift();
    Operand<TFloat32> padded =
        tf.pad(images, tf.constant(new int[][] {{0, 0}, {p, p}, {p, p}, {0, 0}}), tf.constant(0f));
    Operand<TFloat32> rows = tf.reshape(padded, tf.constant(new int[] {-1, channels}));
    Operand<TFloat32> moved = tf.gather(rows, sources, tf.constant(0));
    Operand<TFloat32> shifted =
        tf.reshape(moved, tf.constant(new int[] {-1, side, side, channels}));
    return tf.math.mul(shifted, mask);
  }
}
