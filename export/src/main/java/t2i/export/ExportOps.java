package t2i.export;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/** Graph pieces the image-producing exports share. */
final class ExportOps {
  private ExportOps() {}

  /** G's tanh output in (−1, 1) as [0, 1]. */
  static Operand<TFloat32> unitRange(Ops tf, Operand<TFloat32> x) {
    return tf.clipByValue(
        tf.math.mul(tf.math.add(x, tf.constant(1f)), tf.constant(0.5f)),
        tf.constant(0f),
        tf.constant(1f));
  }

  /**
   * One PNG per image of {@code [N, 64, 64, 3]} in [0, 1]: EncodePng takes a single image, so a
   * while loop (TF's C API builds v1 control flow, which TF Serving and Python load) appends each
   * encoding to a string vector. The loop body can only see its loop variables: the images travel
   * with it.
   */
  @SuppressWarnings("unchecked")
  static Operand<TString> encodePngs(Graph g, Ops tf, Operand<TFloat32> image) {
    Operand<TUint8> bytes =
        tf.dtypes.cast(tf.math.round(tf.math.mul(image, tf.constant(255f))), TUint8.class);
    Output<?>[] start = {
      tf.constant(0).asOutput(),
      bytes.asOutput(),
      tf.fill(tf.constant(new int[] {0}), tf.constant("")).asOutput()
    };
    Output<?>[] end =
        g.whileLoop(
            start,
            (cond, in, out) -> {
              Ops c = Ops.create(cond);
              Operand<TInt32> n =
                  c.reshape(
                      c.stridedSlice(
                          c.shape((Output<TUint8>) in[1]),
                          c.constant(new int[] {0}),
                          c.constant(new int[] {1}),
                          c.constant(new int[] {1})),
                      c.constant(new int[0]));
              out[0] = c.math.less((Output<TInt32>) in[0], n).asOutput();
            },
            (body, in, out) -> {
              Ops b = Ops.create(body);
              Output<TInt32> i = (Output<TInt32>) in[0];
              Operand<TString> encoded =
                  b.image.encodePng(b.gather((Output<TUint8>) in[1], i, b.constant(0)));
              out[0] = b.math.add(i, b.constant(1)).asOutput();
              out[1] = in[1];
              out[2] =
                  b.concat(
                          List.of(
                              (Output<TString>) in[2],
                              b.reshape(encoded, b.constant(new int[] {1}))),
                          b.constant(0))
                      .asOutput();
            },
            "png_loop");
    return tf.reshape((Output<TString>) end[2], tf.constant(new int[] {-1}));
  }

  /** Images in [0, 1] as the networks take them, in [−1, 1]. */
  static Operand<TFloat32> fromUnitRange(Ops tf, Operand<TFloat32> x) {
    return tf.math.sub(tf.math.mul(x, tf.constant(2f)), tf.constant(1f));
  }

  /** Refuses a text encoder whose embeddings are not the length a generator takes. */
  static void checkEmbeddingDim(
      java.nio.file.Path embeddingRun,
      t2i.training.embedding.EmbeddingConfig text,
      String consumer,
      int expected) {
    t2i.training.embedding.EmbeddingDim.check(
        embeddingRun, text.text().embeddingDim(), consumer, expected);
  }

  /** {@code out/model/version}, its parent created: the folder an export writes whole. */
  static java.nio.file.Path versionFolder(java.nio.file.Path out, String model, int version)
      throws java.io.IOException {
    java.nio.file.Path target = out.resolve(model).resolve(Integer.toString(version));
    java.nio.file.Files.createDirectories(target.getParent());
    return target;
  }

  /** A scratch folder beside the models for merging checkpoints (same file system: hard links). */
  static java.nio.file.Path scratch(java.nio.file.Path out) throws java.io.IOException {
    return java.nio.file.Files.createTempDirectory(out.toAbsolutePath(), ".merge-");
  }
}
