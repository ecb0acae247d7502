package t2i.training.layout;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import t2i.data.scenes.SceneRecord;
import t2i.error.UserException;

/**
 * Scenes as the layout image generator's inputs at its image side, row-major: images {@code [n, S,
 * S, 3]} in [−1, 1], masks {@code [n, slots, S, S]}, labels {@code [n, slots]}. Scenes larger than
 * S (128-pixel scenes for the 64-pixel preset) are reduced by averaging square blocks, images and
 * masks alike (a mask then holds the share of each block the object covers); smaller ones are
 * refused.
 */
public record LayoutImageBatch(int n, int side, float[] images, float[] masks, int[] labels) {

  /** The decoded scenes at {@code side}, with {@code slots} object slots each. */
  public static LayoutImageBatch of(List<SceneRecord> scenes, int slots, int emptyLabel, int side) {
    SceneTensors t = SceneTensors.of(scenes, slots, emptyLabel);
    if (t.side() < side || t.side() % side != 0) {
      throw new UserException(
          "the scenes are "
              + t.side()
              + " pixels; the network takes "
              + side
              + " (scenes must be a multiple of its side: build them with `t2i data scenes"
              + " --size`, or pick another --preset)");
    }
    int k = t.side() / side;
    return new LayoutImageBatch(
        t.n(),
        side,
        averageBlocks(t.images(), t.n(), t.side(), 3, k),
        averageBlocks(t.masks(), t.n() * slots, t.side(), 1, k),
        t.labels());
  }

  /**
   * Row-major {@code [planes, side, side, channels]} reduced to {@code [planes, side / k, side / k,
   * channels]}, each value the mean of a {@code k × k} block.
   */
  static float[] averageBlocks(float[] values, int planes, int side, int channels, int k) {
    checkArgument(k >= 1 && side % k == 0, "cannot average %s pixels in blocks of %s", side, k);
    if (k == 1) {
      return values;
    }
    int out = side / k;
    float[] result = new float[planes * out * out * channels];
    float scale = 1f / (k * k);
    for (int p = 0; p < planes; p++) {
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          int from = ((p * side + y) * side + x) * channels;
          int to = ((p * out + y / k) * out + x / k) * channels;
          for (int c = 0; c < channels; c++) {
            result[to + c] += values[from + c] * scale;
          }
        }
      }
    }
    return result;
  }
}
