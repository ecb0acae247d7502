package t2i.export;

import static t2i.serving.Text2SceneContract.BOXES;
import static t2i.serving.Text2SceneContract.COUNT;
import static t2i.serving.Text2SceneContract.IMAGE;
import static t2i.serving.Text2SceneContract.LABELS;
import static t2i.serving.Text2SceneContract.MASKS;
import static t2i.serving.Text2SceneContract.PNG;
import static t2i.serving.Text2SceneContract.SAMPLE;
import static t2i.serving.Text2SceneContract.SEED;
import static t2i.serving.Text2SceneContract.SERVING_DEFAULT;
import static t2i.serving.Text2SceneContract.TEMPERATURE;
import static t2i.serving.Text2SceneContract.TEXT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import t2i.data.io.Json;
import t2i.graph.Network;
import t2i.serving.Text2LayoutContract;
import t2i.serving.Text2SceneContract;
import t2i.training.layout.BoxesConfig;
import t2i.training.layout.BoxesTrainer;
import t2i.training.layout.LayoutImageTrainer;
import t2i.training.layout.LayoutImageTrainingConfig;
import t2i.training.layout.ScenePipeline;
import t2i.training.layout.ShapesConfig;
import t2i.training.layout.ShapesTrainer;

/**
 * The layout pipeline's SavedModels: {@code text2layout} with masks ({@link Text2LayoutContract})
 * and {@code text2scene} ({@link Text2SceneContract}), each the {@link ScenePipeline} ops {@code
 * t2i sample scene} runs, so a seed gives the same layout and scene here and there.
 */
public final class TextToSceneExport {
  private TextToSceneExport() {}

  /** Writes {@code <out>/text2layout/<version>/} with masks; returns the version folder. */
  public static Path exportLayout(
      Path boxesRun, Path shapesRun, Path out, int version, boolean force) throws IOException {
    return write(Text2LayoutContract.MODEL, false, boxesRun, shapesRun, null, out, version, force);
  }

  /** Writes {@code <out>/text2scene/<version>/}; returns the version folder. */
  public static Path exportScene(
      Path boxesRun, Path shapesRun, Path imageRun, Path out, int version, boolean force)
      throws IOException {
    return write(
        Text2SceneContract.MODEL, true, boxesRun, shapesRun, imageRun, out, version, force);
  }

  private static Path write(
      String model,
      boolean withImage,
      Path boxesRun,
      Path shapesRun,
      Path imageRun,
      Path out,
      int version,
      boolean force)
      throws IOException {
    ScenePipeline.Runs runs =
        ScenePipeline.Runs.load(boxesRun, shapesRun, withImage ? imageRun : null);
    SavedModelWriter writer =
        new SavedModelWriter(model)
            .from(
                SourceRun.latest(
                    boxesRun,
                    BoxesTrainer.KIND,
                    BoxesConfig.class,
                    c -> c.words() != null ? BoxesConfig.WORDS : c.textPreset()))
            .from(
                SourceRun.latest(
                    shapesRun, ShapesTrainer.KIND, ShapesConfig.class, ShapesConfig::preset));
    if (withImage) {
      writer.from(
          SourceRun.latest(
              imageRun,
              LayoutImageTrainer.KIND,
              LayoutImageTrainingConfig.class,
              LayoutImageTrainingConfig::preset));
    }
    return writer
        .withFile(
            Text2LayoutContract.CLASSES_FILE,
            Json.gson()
                .toJson(new TextToLayoutExport.Classes(runs.classNames()))
                .getBytes(StandardCharsets.UTF_8))
        .writeScoped(
            out,
            version,
            force,
            runs.boxes().dataset(),
            (g, tf) -> signatures(g, tf, runs, withImage));
  }

  private static SavedModelWriter.ScopedGraph signatures(
      Graph g, Ops tf, ScenePipeline.Runs runs, boolean withImage) {
    Placeholder<TString> text = ExportOps.stringInput(tf, TEXT);
    Placeholder<TInt64> seeds =
        tf.withName(SEED).placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
    PlaceholderWithDefault<TFloat32> temperature =
        tf.withName(TEMPERATURE)
            .placeholderWithDefault(tf.constant(runs.boxes().temperature()), Shape.scalar());
    ScenePipeline.Layout layout = ScenePipeline.layout(tf, runs, text, seeds, temperature);
    Network shapes = ScenePipeline.shapesNetwork(tf, runs);
    Operand<TFloat32> masks =
        ScenePipeline.masks(shapes, runs, layout.labels(), layout.boxes(), seeds);
    Signature.Builder main = SavedModelWriter.predict(SERVING_DEFAULT);
    Signature.Builder sample = SavedModelWriter.predict(SAMPLE);
    for (Signature.Builder s : List.of(main, sample)) {
      s.input(TEXT, text).input(SEED, seeds);
    }
    sample.input(TEMPERATURE, temperature);
    var labels = tf.withName(LABELS).identity(layout.labels());
    var boxes = tf.withName(BOXES).identity(layout.boxes());
    var count = tf.withName(COUNT).identity(layout.counts());
    var maskOut = tf.withName(MASKS).identity(masks);
    List<List<Variable<TFloat32>>> variables = new ArrayList<>();
    variables.add(layout.variables());
    variables.add(shapes.all());
    if (withImage) {
      Network imageNet = ScenePipeline.imageNetwork(tf, runs);
      Operand<TFloat32> image =
          tf.withName(IMAGE)
              .identity(
                  ExportOps.unitRange(
                      tf,
                      ScenePipeline.image(
                          imageNet,
                          runs,
                          ScenePipeline.labelMap(tf, runs, masks, layout.labels()),
                          layout.sentence(),
                          seeds)));
      variables.add(imageNet.all());
      Operand<TString> png = tf.withName(PNG).identity(ExportOps.encodePngs(g, tf, image));
      for (Signature.Builder s : List.of(main, sample)) {
        s.output(IMAGE, image).output(PNG, png);
      }
    }
    for (Signature.Builder s : List.of(main, sample)) {
      s.output(LABELS, labels).output(BOXES, boxes).output(COUNT, count).output(MASKS, maskOut);
    }
    return new SavedModelWriter.ScopedGraph(List.of(main.build(), sample.build()), variables);
  }
}
