package t2i.training.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import t2i.error.UserException;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.SeededNoise;
import t2i.graph.layout.LayoutImageConfig;
import t2i.graph.layout.LayoutImageGenerator;
import t2i.graph.layout.LayoutTensors;
import t2i.graph.layout.ShapeGenerator;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/**
 * Text → layout → masks → image in one graph (LAYOUT_SPEC §1): the three stages, trained apart on
 * true inputs, chained. One seed per caption drives all three (the box sampler and the shape
 * generator mix their own salts into it; the image generator's z is {@link SeededNoise} of the seed
 * itself, as {@code t2i sample layout-image} draws it). The image generator reads the box
 * generator's sentence embedding, which is what it was trained on ({@code t2i embed BOXES_RUN}):
 * {@link Runs#load} refuses a box run other than the one, at the step, its embeddings came from.
 *
 * <p>Predicted masks are thresholded at ½ before they make the label map: the image generator was
 * trained on the scenes' binary masks.
 */
public final class ScenePipeline {
  private ScenePipeline() {}

  /** The three runs and the checkpoints they are restored from. */
  public record Runs(
      Path boxesRun,
      BoxesConfig boxes,
      Checkpoint boxesCheckpoint,
      Path shapesRun,
      ShapesConfig shapes,
      Checkpoint shapesCheckpoint,
      Path imageRun,
      LayoutImageTrainingConfig image,
      Checkpoint imageCheckpoint) {

    /**
     * Each run's latest checkpoint, after checking that they fit together.
     *
     * @param imageRun the image generator's run, or null for the layout stages alone
     */
    public static Runs load(Path boxesRun, Path shapesRun, Path imageRun) {
      BoxesConfig boxes = RunDirectory.open(boxesRun, BoxesTrainer.KIND).config(BoxesConfig.class);
      ShapesConfig shapes =
          RunDirectory.open(shapesRun, ShapesTrainer.KIND).config(ShapesConfig.class);
      LayoutImageTrainingConfig image =
          imageRun == null
              ? null
              : RunDirectory.open(imageRun, LayoutImageTrainer.KIND)
                  .config(LayoutImageTrainingConfig.class);
      Runs runs =
          new Runs(
              boxesRun,
              boxes,
              Checkpoints.latestOf(boxesRun),
              shapesRun,
              shapes,
              Checkpoints.latestOf(shapesRun),
              imageRun,
              image,
              imageRun == null ? null : Checkpoints.latestOf(imageRun));
      runs.check();
      return runs;
    }

    private void check() {
      if (!boxes.classNames().equals(shapes.classNames())) {
        throw new UserException(
            "the runs were trained on different object classes: "
                + boxesRun
                + " and "
                + shapesRun
                + " must come from one scenes dataset");
      }
      if (boxes.steps() - 1 > slots()) {
        throw new UserException(
            boxesRun
                + " draws up to "
                + (boxes.steps() - 1)
                + " objects, more than the "
                + slots()
                + " slots of "
                + shapesRun
                + ": train both on the same scenes");
      }
      if (image == null) {
        return;
      }
      if (!boxes.classNames().equals(image.classNames())) {
        throw new UserException(
            "the runs were trained on different object classes: "
                + imageRun
                + " must come from the scenes of "
                + boxesRun);
      }
      LayoutImageConfig net = image.network();
      if (shapes.generator().side() % net.imageSize() != 0) {
        throw new UserException(
            shapesRun
                + " draws "
                + shapes.generator().side()
                + "-pixel masks; "
                + imageRun
                + " takes "
                + net.imageSize()
                + "-pixel label maps");
      }
      if (net.embeddingDim() != boxes.generator().embeddingDim()) {
        throw new UserException(
            imageRun
                + " reads "
                + net.embeddingDim()
                + "-value captions; the caption encoder of "
                + boxesRun
                + " gives "
                + boxes.generator().embeddingDim());
      }
      CaptionEmbeddings.Index index = CaptionEmbeddings.read(Path.of(image.embeddings())).index();
      if (!sameRun(Path.of(index.run()), boxesRun) || index.step() != boxesCheckpoint.step()) {
        throw new UserException(
            imageRun
                + " was trained on captions encoded by "
                + index.run()
                + " at step "
                + index.step()
                + "; "
                + boxesRun
                + " is at step "
                + boxesCheckpoint.step()
                + ": pass that box run, or encode the captions with this one (`t2i embed "
                + boxesRun
                + "`) and train the image generator on them");
      }
    }

    private static boolean sameRun(Path a, Path b) {
      try {
        return Files.isSameFile(a, b);
      } catch (java.io.IOException e) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
      }
    }

    /** Object slots of a layout: the shape generator's. */
    public int slots() {
      return shapes.generator().slots();
    }

    public int side() {
      return shapes.generator().side();
    }

    public List<String> classNames() {
      return boxes.classNames();
    }
  }

  /**
   * The stages' outputs.
   *
   * @param sentence the caption encoder's embedding {@code [N, D]}
   * @param labels {@code [N, slots]}: classes, then the end class (the empty label)
   * @param boxes {@code [N, slots, 4]}
   * @param counts {@code [N]}
   * @param variables each run's variables, for {@link #restore}
   */
  public record Layout(
      Operand<TFloat32> sentence,
      Operand<TInt32> labels,
      Operand<TFloat32> boxes,
      Operand<TInt32> counts,
      List<Variable<TFloat32>> variables) {}

  /** Stage 1: the caption's sentence embedding and a sampled layout, cut to the slots. */
  public static Layout layout(
      Ops tf,
      Runs runs,
      Operand<TString> text,
      Operand<TInt64> seeds,
      Operand<TFloat32> temperature) {
    BoxesGraph.Sampled s = BoxesGraph.sampled(tf, runs.boxes(), text, seeds, temperature);
    int slots = runs.slots();
    int steps = runs.boxes().steps();
    Operand<TInt32> labels = s.layout().labels();
    Operand<TFloat32> boxes = s.layout().boxes();
    if (steps > slots) {
      labels = tf.slice(labels, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, slots}));
      boxes =
          tf.slice(boxes, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {-1, slots, 4}));
    } else if (steps < slots) {
      throw new UserException(
          runs.boxesRun()
              + " draws at most "
              + (steps - 1)
              + " objects, fewer than the shapes' "
              + slots
              + " slots; train the shapes on the same scenes");
    }
    Operand<TInt32> counts = tf.math.minimum(s.layout().counts(), tf.constant(slots));
    return new Layout(s.sentence(), labels, boxes, counts, s.variables());
  }

  /** Stage 2: a mask per slot {@code [N, slots, side, side]}, and the shape generator's weights. */
  public static Network shapesNetwork(Ops tf, Runs runs) {
    return new Network(tf, ShapeGenerator.PREFIX, Mode.INFERENCE, runs.shapes().seed());
  }

  public static Operand<TFloat32> masks(
      Network shapes,
      Runs runs,
      Operand<TInt32> labels,
      Operand<TFloat32> boxes,
      Operand<TInt64> seeds) {
    return ShapesGraph.sampling(shapes, runs.shapes().generator(), boxes, labels, seeds);
  }

  /**
   * Stage 3's label map {@code [N, S, S, L]} at the image generator's side S: the masks thresholded
   * at ½, averaged over square blocks when they are larger than S (as the image generator's
   * training batches reduce larger scenes), then the max over each class's objects.
   */
  public static Operand<TFloat32> labelMap(
      Ops tf, Runs runs, Operand<TFloat32> masks, Operand<TInt32> labels) {
    Operand<TFloat32> binary =
        tf.dtypes.cast(tf.math.greater(masks, tf.constant(0.5f)), TFloat32.class);
    int side = runs.side();
    int target = runs.image() == null ? side : runs.image().network().imageSize();
    if (target != side) {
      int k = side / target;
      Operand<TFloat32> planes = tf.reshape(binary, tf.constant(new int[] {-1, side, side, 1}));
      Operand<TFloat32> pooled =
          tf.nn.avgPool(
              planes,
              List.of(1L, (long) k, (long) k, 1L),
              List.of(1L, (long) k, (long) k, 1L),
              "VALID");
      binary = tf.reshape(pooled, tf.constant(new int[] {-1, runs.slots(), target, target}));
    }
    return LayoutTensors.labelMap(tf, binary, labels, runs.classNames().size());
  }

  public static Network imageNetwork(Ops tf, Runs runs) {
    return new Network(tf, LayoutImageGenerator.PREFIX, Mode.INFERENCE, runs.image().seed());
  }

  /** Stage 3: the image {@code [N, side, side, 3]} in (−1, 1). */
  public static Operand<TFloat32> image(
      Network image,
      Runs runs,
      Operand<TFloat32> labelMap,
      Operand<TFloat32> sentence,
      Operand<TInt64> seeds) {
    LayoutImageConfig c = runs.image().network();
    Operand<TFloat32> z = SeededNoise.build(image.tf(), seeds, c.zDim());
    return LayoutImageGenerator.build(image, c, labelMap, sentence, z);
  }

  /** Every variable of the three stages, by run: box run, shapes run, image run. */
  public static List<List<Variable<TFloat32>>> variables(
      Layout layout, Network shapes, Network image) {
    List<List<Variable<TFloat32>>> all = new ArrayList<>();
    all.add(layout.variables());
    all.add(shapes.all());
    all.add(image.all());
    return all;
  }
}
