package t2i.training.scenejudge;

import java.util.List;
import t2i.data.scenes.Box;

/**
 * What the scene metrics ask of a judge: the class and emoji of the object at each box, and the
 * background of each image. {@link SceneJudgeModel} is the trained one.
 */
public interface SceneJudge {
  /** The class head's labels, by class id. */
  List<String> classNames();

  /** The emoji head's labels. */
  List<String> emojiKeys();

  /** The background head's labels. */
  List<String> backgrounds();

  /**
   * Per object, row-major, the class probabilities {@code [n, classes]} and the emoji probabilities
   * {@code [n, emoji]}.
   */
  record ObjectScores(int n, float[] classes, float[] emoji) {
    /** The most probable class of object {@code i} (the lowest index on ties). */
    public int topClass(int i, int classes) {
      return argMax(this.classes, i, classes);
    }

    /** The most probable emoji of object {@code i}. */
    public int topEmoji(int i, int emoji) {
      return argMax(this.emoji, i, emoji);
    }
  }

  /**
   * @param images row-major {@code [n, side, side, 3]} in [−1, 1]
   * @param boxes per image, the boxes of its objects
   * @return the objects' scores, image by image and box by box in each
   */
  ObjectScores objects(float[] images, int side, List<List<Box>> boxes);

  /**
   * @param boxes per image, the boxes blanked out of it
   * @return the background probabilities, row-major {@code [n, backgrounds]}
   */
  float[] backgrounds(float[] images, int side, List<List<Box>> boxes);

  /** The index of the largest of {@code values[row·width ..]} (the lowest on ties). */
  static int argMax(float[] values, int row, int width) {
    int best = 0;
    for (int k = 1; k < width; k++) {
      if (values[row * width + k] > values[row * width + best]) {
        best = k;
      }
    }
    return best;
  }
}
