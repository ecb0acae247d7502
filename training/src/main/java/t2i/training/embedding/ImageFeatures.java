package t2i.training.embedding;

import java.nio.file.Path;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import t2i.data.Dataset;
import t2i.data.Split;
import t2i.data.io.Npy;
import t2i.error.UserException;

/**
 * Precomputed image features, as Reed et al. used fixed GoogLeNet features: a {@code .npy} float32
 * matrix with one row per record, trainval records first, then test records, each in shard order
 * (the order {@code Dataset.forEach} gives).
 */
public final class ImageFeatures {
  private final Npy.Matrix matrix;
  private final int offset;

  private ImageFeatures(Npy.Matrix matrix, int offset) {
    this.matrix = matrix;
    this.offset = offset;
  }

  public static ImageFeatures load(Path file, Dataset dataset, Split split, int featureDim) {
    Npy.Matrix m = Npy.read(file);
    int records = dataset.manifest().records();
    if (m.rows() != records || m.columns() != featureDim) {
      throw new UserException(
          String.format(
              "%s is %d x %d; the dataset has %d records and the run expects %d features each",
              file, m.rows(), m.columns(), records, featureDim));
    }
    int offset = split == Split.TRAINVAL ? 0 : dataset.manifest().records(Split.TRAINVAL);
    return new ImageFeatures(m, offset);
  }

  /** The rows of the split's records {@code records}, as {@code [N, featureDim]}. */
  public TFloat32 rows(int[] records) {
    int d = matrix.columns();
    float[] out = new float[records.length * d];
    for (int i = 0; i < records.length; i++) {
      System.arraycopy(matrix.values(), (offset + records[i]) * d, out, i * d, d);
    }
    return TFloat32.tensorOf(Shape.of(records.length, d), DataBuffers.of(out, true, false));
  }

  public int dim() {
    return matrix.columns();
  }
}
