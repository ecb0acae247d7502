package t2i.serving.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.MapDefun;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;
import t2i.serving.SignatureInfo;
import t2i.serving.Text2ImageContract;

/**
 * Small SavedModels made for the tests, in TF Serving's layout {@code DIR/<model>/<version>/}.
 *
 * <ul>
 *   <li>{@code text2image}: exactly the {@link Text2ImageContract} {@code serving_default} and
 *       {@code png} signatures (or, as older exports, {@code serving_default} alone). Pixel (y, x,
 *       c) of text t with seed s is {@code (sin(0.37·(s mod 1000) + 1.3·len(t) + 0.1·y + 0.07·x +
 *       2.1·c + offset) + 1) / 2}, where len is the byte length and offset is the version number,
 *       so that versions differ; images are {@link #SIDE} × {@link #SIDE}; png_bytes is that image
 *       times 255, rounded, PNG-encoded per image.
 *   <li>{@code echo}: {@code serving_default}: {@code data} string [N] → {@code data_bytes} and
 *       {@code raw} (both the same bytes) and {@code length} int64 [N] (byte lengths); {@code
 *       double}: {@code x} float [N, 2] → {@code y} = 2x.
 * </ul>
 */
public final class StandInModels {
  public static final String ECHO = "echo";

  /** The side of the stand-in text2image model's square images. */
  public static final int SIDE = 64;

  private StandInModels() {}

  /** Writes {@code modelsDir/text2image/<version>/}; returns that folder. */
  public static Path text2image(Path modelsDir, long version) {
    return text2image(modelsDir, version, true);
  }

  /**
   * Writes {@code modelsDir/text2image/<version>/}, with the {@code png} signature or, as exports
   * made before it existed, without; returns that folder.
   */
  public static Path text2image(Path modelsDir, long version, boolean pngSignature) {
    Path dir = modelsDir.resolve(Text2ImageContract.MODEL).resolve(Long.toString(version));
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var text =
          tf.withName(Text2ImageContract.TEXT)
              .placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      var seed =
          tf.withName(Text2ImageContract.SEED)
              .placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> length = tf.dtypes.cast(tf.strings.stringLength(text), TFloat32.class);
      Operand<TFloat32> s =
          tf.dtypes.cast(tf.math.floorMod(seed, tf.constant(1000L)), TFloat32.class);
      Operand<TFloat32> phase =
          tf.math.add(
              tf.math.add(
                  tf.math.mul(s, tf.constant(0.37f)), tf.math.mul(length, tf.constant(1.3f))),
              tf.constant((float) version));
      phase = tf.reshape(phase, tf.constant(new long[] {-1, 1, 1, 1}));
      int h = SIDE;
      int w = SIDE;
      int c = Text2ImageContract.CHANNELS;
      float[] grid = new float[h * w * c];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int ch = 0; ch < c; ch++) {
            grid[(y * w + x) * c + ch] = 0.1f * y + 0.07f * x + 2.1f * ch;
          }
        }
      }
      Operand<TFloat32> image =
          tf.withName(Text2ImageContract.IMAGE)
              .math
              .div(
                  tf.math.add(
                      tf.math.sin(
                          tf.math.add(phase, tf.constant(Shape.of(h, w, c), DataBuffers.of(grid)))),
                      tf.constant(1f)),
                  tf.constant(2f));
      Operand<TUint8> bytes =
          tf.dtypes.cast(tf.math.round(tf.math.mul(image, tf.constant(255f))), TUint8.class);
      ConcreteFunction encode =
          ConcreteFunction.create(
              f -> {
                var one = f.placeholder(TUint8.class, Placeholder.shape(Shape.of(h, w, c)));
                return Signature.builder()
                    .key("encode_png")
                    .input("image", one)
                    .output("png", f.image.encodePng(one))
                    .build();
              });
      MapDefun perImage =
          tf.mapDefun(
              List.of(bytes), List.of(), List.of(TString.class), List.of(Shape.scalar()), encode);
      @SuppressWarnings("unchecked")
      Operand<TString> png =
          tf.withName(Text2ImageContract.PNG).identity((Operand<TString>) perImage.output().get(0));
      Signature signature =
          Signature.builder()
              .key(Text2ImageContract.SERVING_DEFAULT)
              .methodName(SignatureInfo.PREDICT_METHOD)
              .input(Text2ImageContract.TEXT, text)
              .input(Text2ImageContract.SEED, seed)
              .output(Text2ImageContract.IMAGE, image)
              .output(Text2ImageContract.PNG, png)
              .build();
      Signature pngOnly =
          Signature.builder()
              .key(Text2ImageContract.PNG_SIGNATURE)
              .methodName(SignatureInfo.PREDICT_METHOD)
              .input(Text2ImageContract.TEXT, text)
              .input(Text2ImageContract.SEED, seed)
              .output(Text2ImageContract.PNG, png)
              .build();
      export(g, dir, pngSignature ? List.of(signature, pngOnly) : List.of(signature));
      encode.close();
    }
    return dir;
  }

  /** Writes {@code modelsDir/echo/1/}; returns that folder. */
  public static Path echo(Path modelsDir) {
    Path dir = modelsDir.resolve(ECHO).resolve("1");
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var data = tf.withName("data").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      var x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      Signature echo =
          Signature.builder()
              .key(SignatureInfo.DEFAULT_KEY)
              .methodName(SignatureInfo.PREDICT_METHOD)
              .input("data", data)
              .output("data_bytes", tf.withName("data_bytes").identity(data))
              .output("raw", tf.withName("raw").identity(data))
              .output(
                  "length",
                  tf.withName("length").dtypes.cast(tf.strings.stringLength(data), TInt64.class))
              .build();
      Signature twice =
          Signature.builder()
              .key("double")
              .methodName(SignatureInfo.PREDICT_METHOD)
              .input("x", x)
              .output("y", tf.withName("y").math.mul(x, tf.constant(2f)))
              .build();
      var n = tf.withName("n").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      var m = tf.fill(tf.constant(new int[] {1000, 1000}), n);
      Signature slow =
          Signature.builder()
              .key("slow")
              .methodName(SignatureInfo.PREDICT_METHOD)
              .input("n", n)
              .output(
                  "total",
                  tf.withName("total").sum(tf.linalg.matMul(m, m), tf.constant(new int[] {0, 1})))
              .build();
      export(g, dir, List.of(echo, twice, slow));
    }
    return dir;
  }

  private static void export(Graph g, Path dir, List<Signature> signatures) {
    try (Session session = new Session(g)) {
      SavedModelBundle.Exporter exporter =
          SavedModelBundle.exporter(dir.toString()).withSession(session);
      signatures.forEach(exporter::withSignature);
      exporter.export();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
