package t2i.training;

import java.util.Arrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.data.batch.Batch;
import t2i.data.text.TextAlphabet;

/**
 * Copies batches into tensors through flat arrays (10–100× faster than per element:
 * docs/tf-java.md#feeding-and-fetching).
 */
public final class BatchTensors {
  private BatchTensors() {}

  /** The batch's images as {@code float32 [N, H, W, C]} in [−1, 1]. */
  public static TFloat32 images(Batch b) {
    return TFloat32.tensorOf(
        Shape.of(b.size(), b.height(), b.width(), b.channels()),
        DataBuffers.of(b.images(), true, false));
  }

  /** Captions as Reed's character ids, {@code int32 [N, 201]}. */
  public static TInt32 chars(String[] captions) {
    return chars(TextAlphabet.REED70, captions);
  }

  /** Captions as the ids of {@code alphabet}, {@code int32 [N, alphabet.maxLength()]}. */
  public static TInt32 chars(TextAlphabet alphabet, String[] captions) {
    int length = alphabet.maxLength();
    int[] ids = new int[captions.length * length];
    for (int i = 0; i < captions.length; i++) {
      alphabet.encodeInto(captions[i], ids, i * length);
    }
    return TInt32.tensorOf(Shape.of(captions.length, length), DataBuffers.of(ids, true, false));
  }

  /** A row-major {@code float32 [rows, columns]} matrix. */
  public static TFloat32 matrix(float[] values, int rows, int columns) {
    return TFloat32.tensorOf(Shape.of(rows, columns), DataBuffers.of(values, true, false));
  }

  /**
   * Rows {@code [start, start + count)} of row-major {@code values} as a tensor of shape {@code
   * [count, rowShape...]}.
   */
  public static TFloat32 rows(float[] values, int start, int count, long... rowShape) {
    int rowSize = Math.toIntExact(Shape.of(rowShape).size());
    float[] part = Arrays.copyOfRange(values, start * rowSize, (start + count) * rowSize);
    return TFloat32.tensorOf(Shape.of(rowShape).prepend(count), DataBuffers.of(part, true, false));
  }

  /** A tensor's values, row-major. */
  public static float[] floats(TFloat32 t) {
    float[] out = new float[Math.toIntExact(t.shape().size())];
    t.asRawTensor().data().asFloats().read(out);
    return out;
  }
}
