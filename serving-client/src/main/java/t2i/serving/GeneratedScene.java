package t2i.serving;

import java.util.List;

/**
 * One scene the text-to-scene model drew: the PNG, and the layout it was drawn from, with the text
 * and seed it came from.
 *
 * @param objects left to right, as many as the model's {@code count}
 */
public record GeneratedScene(String text, long seed, byte[] png, List<SceneObject> objects) {
  /**
   * One object of the layout.
   *
   * @param label its class id (the model's {@code classes.json} names them)
   * @param x left edge, a fraction of the canvas
   * @param y top edge, a fraction of the canvas (y downwards)
   * @param w width, a fraction of the canvas
   * @param h height, a fraction of the canvas
   * @param side the mask's side
   * @param mask its mask, row-major {@code side × side} in [0, 1]
   */
  public record SceneObject(int label, float x, float y, float w, float h, int side, float[] mask) {
    public SceneObject {
      mask = mask.clone();
    }

    @Override
    public float[] mask() {
      return mask.clone();
    }
  }

  public GeneratedScene {
    png = png.clone();
    objects = List.copyOf(objects);
  }

  @Override
  public byte[] png() {
    return png.clone();
  }
}
