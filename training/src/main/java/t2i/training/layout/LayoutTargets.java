package t2i.training.layout;

import java.util.List;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.graph.layout.BoxGenerator;

/** The true layouts of some scenes as the generator's teacher-forced inputs, row per scene. */
final class LayoutTargets {
  private LayoutTargets() {}

  /** {@code int32 [N, steps]}: each scene's {@link SceneLayout#labels}. */
  static TInt32 labels(List<SceneLayout> scenes, int steps, int endClass) {
    int[] labels = new int[scenes.size() * steps];
    for (int i = 0; i < scenes.size(); i++) {
      System.arraycopy(scenes.get(i).labels(steps, endClass), 0, labels, i * steps, steps);
    }
    return TInt32.tensorOf(Shape.of(scenes.size(), steps), DataBuffers.of(labels));
  }

  /** {@code [N, steps, 4]}: each scene's {@link SceneLayout#boxes}. */
  static TFloat32 boxes(List<SceneLayout> scenes, int steps) {
    int row = steps * BoxGenerator.BOX_SIZE;
    float[] boxes = new float[scenes.size() * row];
    for (int i = 0; i < scenes.size(); i++) {
      System.arraycopy(scenes.get(i).boxes(steps), 0, boxes, i * row, row);
    }
    return TFloat32.tensorOf(
        Shape.of(scenes.size(), steps, BoxGenerator.BOX_SIZE), DataBuffers.of(boxes, true, false));
  }
}
