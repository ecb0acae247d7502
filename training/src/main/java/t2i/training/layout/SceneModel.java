package t2i.training.layout;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import t2i.data.scenes.SceneRecord;
import t2i.graph.Network;
import t2i.training.Precision;
import t2i.training.Sessions;
import t2i.training.run.Checkpoint;
import t2i.training.run.PartialRestore;

/**
 * The whole pipeline restored from its three runs ({@link ScenePipeline}): captions and seeds in,
 * layouts, masks, label maps and images out. The layout, and then the masks, can be given instead
 * of drawn — the paper's ablation rows (true boxes + predicted masks, true boxes + true masks).
 */
public final class SceneModel implements AutoCloseable {
  /** Captions per session run. */
  static final int CHUNK = 64;

  /**
   * Scenes drawn by the pipeline, row-major.
   *
   * @param layouts labels, boxes and masks {@code [n, slots, side, side]} (the masks drawn or
   *     given; no images)
   * @param counts objects per layout
   * @param imageSide S, the image generator's side
   * @param labelMaps {@code [n, S, S, L]}
   * @param images {@code [n, S, S, 3]} in [−1, 1]
   */
  public record Scenes(
      SceneTensors layouts, int[] counts, int imageSide, float[] labelMaps, float[] images) {
    /** Each scene's objects, boxes clipped into the canvas. */
    public List<List<LayoutObject>> objects() {
      List<List<LayoutObject>> out = new ArrayList<>();
      int slots = layouts.slots();
      float[] b = layouts.boxes();
      for (int i = 0; i < counts.length; i++) {
        List<LayoutObject> objects = new ArrayList<>();
        for (int t = 0; t < Math.min(counts[i], slots); t++) {
          int k = i * slots + t;
          objects.add(
              new LayoutObject(
                  layouts.labels()[k],
                  LayoutModel.box(b[k * 4], b[k * 4 + 1], b[k * 4 + 2], b[k * 4 + 3])));
        }
        out.add(objects);
      }
      return out;
    }
  }

  private final ScenePipeline.Runs runs;
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TString> text;
  private final Placeholder<TInt64> seeds;
  private final PlaceholderWithDefault<TFloat32> temperature;
  private final PlaceholderWithDefault<TInt32> labels;
  private final PlaceholderWithDefault<TFloat32> boxes;
  private final PlaceholderWithDefault<TFloat32> masks;
  private final Operand<TInt32> counts;
  // The objects of given labels, counted without running the box sampler.
  private final Operand<TInt32> givenCounts;
  // What a run fetches: a fed placeholder cannot be fetched itself, its identity can.
  private final Operand<TInt32> labelsOut;
  private final Operand<TFloat32> boxesOut;
  private final Operand<TFloat32> masksOut;
  private final Operand<TFloat32> labelMap;
  private final Operand<TFloat32> images;

  public SceneModel(ScenePipeline.Runs runs, int threads) {
    this.runs = runs;
    Ops tf = Ops.create(graph);
    int slots = runs.slots();
    int side = runs.side();
    text = tf.withName("text").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
    seeds = tf.withName("seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
    temperature =
        tf.withName("temperature")
            .placeholderWithDefault(tf.constant(runs.boxes().temperature()), Shape.scalar());
    ScenePipeline.Layout layout = ScenePipeline.layout(tf, runs, text, seeds, temperature);
    labels = tf.withName("labels").placeholderWithDefault(layout.labels(), Shape.of(-1, slots));
    boxes = tf.withName("boxes").placeholderWithDefault(layout.boxes(), Shape.of(-1, slots, 4));
    counts = layout.counts();
    Network shapes = ScenePipeline.shapesNetwork(tf, runs);
    masks =
        tf.withName("masks")
            .placeholderWithDefault(
                ScenePipeline.masks(shapes, runs, labels, boxes, seeds),
                Shape.of(-1, slots, side, side));
    labelMap = ScenePipeline.labelMap(tf, runs, masks, labels);
    givenCounts =
        tf.sum(
            tf.dtypes.cast(
                tf.math.less(labels, tf.constant(runs.classNames().size())), TInt32.class),
            tf.constant(1));
    labelsOut = tf.identity(labels);
    boxesOut = tf.identity(boxes);
    masksOut = tf.identity(masks);
    Network image = ScenePipeline.imageNetwork(tf, runs);
    images = ScenePipeline.image(image, runs, labelMap, layout.sentence(), seeds);
    List<List<Variable<TFloat32>>> variables = ScenePipeline.variables(layout, shapes, image);
    List<PartialRestore> restores = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      restores.add(new PartialRestore(tf, variables.get(i), "restore_" + i));
    }
    session = Sessions.open(graph, threads, Precision.FLOAT32, null);
    try {
      List<Checkpoint> checkpoints =
          List.of(runs.boxesCheckpoint(), runs.shapesCheckpoint(), runs.imageCheckpoint());
      for (int i = 0; i < restores.size(); i++) {
        restores.get(i).run(session, checkpoints.get(i));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public ScenePipeline.Runs runs() {
    return runs;
  }

  /** Scenes drawn from the captions alone: layout, masks and image all sampled. */
  public Scenes sample(List<String> captions, long[] seeds, float temperature) {
    return run(captions, seeds, temperature, null, false);
  }

  /**
   * Scenes drawn on given layouts: their labels and boxes, and their masks too when {@code
   * trueMasks}; the rest sampled.
   */
  public Scenes render(
      List<String> captions, long[] seeds, SceneTensors layouts, boolean trueMasks) {
    return run(captions, seeds, runs.boxes().temperature(), layouts, trueMasks);
  }

  private Scenes run(
      List<String> captions, long[] seedValues, float t, SceneTensors given, boolean givenMasks) {
    int n = captions.size();
    if (seedValues.length != n || (given != null && given.n() != n)) {
      throw new IllegalArgumentException(
          n
              + " captions, "
              + seedValues.length
              + " seeds, "
              + (given == null ? 0 : given.n())
              + " layouts");
    }
    int slots = runs.slots();
    int side = runs.side();
    int pixels = side * side;
    int imageSide = runs.image().network().imageSize();
    int imagePixels = imageSide * imageSide;
    int classes = runs.classNames().size();
    int[] outLabels = new int[n * slots];
    float[] outBoxes = new float[n * slots * 4];
    int[] outCounts = new int[n];
    float[] outMasks = new float[n * slots * pixels];
    float[] outMaps = new float[n * imagePixels * classes];
    float[] outImages = new float[n * imagePixels * 3];
    for (int start = 0; start < n; start += CHUNK) {
      int c = Math.min(CHUNK, n - start);
      long[] chunkSeeds = new long[c];
      System.arraycopy(seedValues, start, chunkSeeds, 0, c);
      String[] chunkText = captions.subList(start, start + c).toArray(new String[0]);
      List<AutoCloseable> feeds = new ArrayList<>();
      try (TString tt = TString.tensorOf(NdArrays.vectorOfObjects(chunkText));
          TInt64 ts = TInt64.vectorOf(chunkSeeds);
          TFloat32 temp = TFloat32.scalarOf(t)) {
        Session.Runner r = session.runner().feed(text, tt).feed(seeds, ts).feed(temperature, temp);
        if (given != null) {
          TInt32 l =
              TInt32.tensorOf(
                  Shape.of(c, slots),
                  DataBuffers.of(slice(given.labels(), start * slots, c * slots), true, false));
          TFloat32 b =
              TFloat32.tensorOf(
                  Shape.of(c, slots, 4),
                  DataBuffers.of(
                      slice(given.boxes(), start * slots * 4, c * slots * 4), true, false));
          feeds.add(l);
          feeds.add(b);
          r.feed(labels, l).feed(boxes, b);
          if (givenMasks) {
            TFloat32 m =
                TFloat32.tensorOf(
                    Shape.of(c, slots, side, side),
                    DataBuffers.of(
                        slice(given.masks(), start * slots * pixels, c * slots * pixels),
                        true,
                        false));
            feeds.add(m);
            r.feed(masks, m);
          }
        }
        try (Result res =
            r.fetch(labelsOut)
                .fetch(boxesOut)
                .fetch(given == null ? counts : givenCounts)
                .fetch(masksOut)
                .fetch(labelMap)
                .fetch(images)
                .run()) {
          ((TInt32) res.get(0))
              .asRawTensor()
              .data()
              .asInts()
              .read(outLabels, start * slots, c * slots);
          ((TFloat32) res.get(1))
              .asRawTensor()
              .data()
              .asFloats()
              .read(outBoxes, start * slots * 4, c * slots * 4);
          ((TInt32) res.get(2)).asRawTensor().data().asInts().read(outCounts, start, c);
          ((TFloat32) res.get(3))
              .asRawTensor()
              .data()
              .asFloats()
              .read(outMasks, start * slots * pixels, c * slots * pixels);
          ((TFloat32) res.get(4))
              .asRawTensor()
              .data()
              .asFloats()
              .read(outMaps, start * imagePixels * classes, c * imagePixels * classes);
          ((TFloat32) res.get(5))
              .asRawTensor()
              .data()
              .asFloats()
              .read(outImages, start * imagePixels * 3, c * imagePixels * 3);
        }
      } finally {
        for (AutoCloseable f : feeds) {
          try {
            f.close();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return new Scenes(
        new SceneTensors(n, slots, side, new float[0], outLabels, outBoxes, outMasks),
        outCounts,
        imageSide,
        outMaps,
        outImages);
  }

  /** The paper's ablation rows' names, in its order. */
  public static final List<String> ABLATION_ROWS =
      List.of(
          "predicted boxes + predicted masks",
          "true boxes + predicted masks",
          "true boxes + true masks");

  /**
   * The paper's three ablation rows for some scenes, scene {@code i} drawn for {@code
   * captions.get(i)} with seed {@code seed + i}: the whole pipeline; the scene's boxes with drawn
   * masks; the scene's boxes and masks. Each row's layouts are the ones its images were drawn from.
   */
  public List<RenderedScenes> ablationRows(
      List<SceneRecord> scenes, List<String> captions, long seed) {
    long[] seeds = new long[scenes.size()];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = seed + i;
    }
    SceneTensors truth = SceneTensors.layoutsOf(scenes, runs.slots(), runs.classNames().size());
    List<Scenes> drawn =
        List.of(
            sample(captions, seeds, runs.boxes().temperature()),
            render(captions, seeds, truth, false),
            render(captions, seeds, truth, true));
    List<RenderedScenes> rows = new ArrayList<>();
    int empty = runs.classNames().size();
    for (int r = 0; r < drawn.size(); r++) {
      Scenes d = drawn.get(r);
      boolean trueBoxes = r > 0;
      rows.add(
          new RenderedScenes(
              ABLATION_ROWS.get(r),
              d.imageSide(),
              d.images(),
              d.objects(),
              captions,
              MaskIou.of(truth, d.layouts().masks(), d.counts(), empty, trueBoxes)));
    }
    return rows;
  }

  private static float[] slice(float[] a, int from, int length) {
    float[] out = new float[length];
    System.arraycopy(a, from, out, 0, length);
    return out;
  }

  private static int[] slice(int[] a, int from, int length) {
    int[] out = new int[length];
    System.arraycopy(a, from, out, 0, length);
    return out;
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
