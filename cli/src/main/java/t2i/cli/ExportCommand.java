package t2i.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.export.JudgeExport;
import t2i.export.StyleExport;
import t2i.export.TextEncoderExport;
import t2i.export.TextToImageExport;
import t2i.export.TextToLayoutExport;
import t2i.export.TextToSceneExport;
import t2i.training.Precision;
import t2i.training.gan.GanModel;
import t2i.training.run.RunDirectory;
import t2i.training.style.StyleTrainer;
import t2i.training.style.StyleTrainingConfig;

/** {@code t2i export}. */
@Command(
    name = "export",
    description = {
      "Export trained models as SavedModels in TF Serving's layout, DIR/<model>/<version>/"
          + "{saved_model.pb, variables/}, tag serve, method tensorflow/serving/predict,"
          + " inference-only (no optimizer state).",
      "--embedding RUN writes text_encoder: signature serving_default (text string [N] ->"
          + " embedding float [N, D], the run's character encoding (Reed's 70 symbols, or the UTF-8"
          + " bytes of normalised text in any language) done in the graph) and"
          + " encode_chars (chars int32 [N, 201] -> embedding).",
      "--gan RUN writes text2image as well: serving_default (text string [N], seed int64 [N] ->"
          + " image float [N, H, W, 3] in [0, 1] (64x64 by default), png_bytes string [N]; z is a function of the seed),"
          + " png (text, seed -> png_bytes alone),"
          + " generate (embedding float [N, D], z float [N, zDim] -> image) and interpolate"
          + " (text_a, text_b string [N], beta float [N], z -> image of (1-beta) a + beta b). Its"
          + " text encoder is the --embedding run, by default the one that made the GAN's"
          + " training embeddings.",
      "--style RUN writes style: encode (image float [N, H, W, 3] in [0, 1] -> z) and transfer"
          + " (image, text string [N] -> image, png_bytes), with the generator the style run"
          + " inverts.",
      "--judge RUN writes judge alone: serving_default (image float [N, 64, 64, 3] in [0, 1] ->"
          + " concept_probabilities, subcategory_probabilities, features), with labels.json"
          + " naming the classes.",
      "--boxes RUN writes text2layout alone: serving_default (text string [N], seed int64 [N] ->"
          + " labels int32 [N, T], boxes float [N, T, 4] as (x, y, w, h) in [0, 1], count int32"
          + " [N]; a seed gives the same layout in any batch) and sample (the same with a"
          + " temperature float []), with classes.json naming the classes.",
      "--boxes RUN --shapes RUN writes text2layout with masks float [N, T, S, S] as well (T the"
          + " shape generator's slots); adding --image RUN writes text2scene too: serving_default"
          + " (text, seed -> image float [N, S, S, 3] in [0, 1], png_bytes string [N], and the layout:"
          + " labels, boxes, count, masks) and sample (with the box generator's temperature). One"
          + " seed drives the layout, the masks and the image."
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  // Only --help: --version is the model version here, as TF Serving's layout calls it.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = "--embedding",
      paramLabel = "RUN",
      description = "A joint-embedding run: exported as text_encoder.")
  Path embedding;

  @Option(
      names = "--gan",
      paramLabel = "RUN",
      description = "A GAN run: exported as text2image, with the text encoder inside.")
  Path gan;

  @Option(
      names = "--style",
      paramLabel = "RUN",
      description =
          "A style run: exported as style (encode: image -> z; transfer: image, text -> image),"
              + " with the generator it inverts.")
  Path style;

  @Option(
      names = "--judge",
      paramLabel = "RUN",
      description = "A judge run (t2i train judge): exported as judge.")
  Path judge;

  @Option(
      names = "--boxes",
      paramLabel = "RUN",
      description = "A box-generator run (t2i train boxes): exported as text2layout.")
  Path boxes;

  @Option(
      names = "--shapes",
      paramLabel = "RUN",
      description =
          "A shape-generator run (t2i train shapes), with --boxes: text2layout gains masks.")
  Path shapes;

  @Option(
      names = "--image",
      paramLabel = "RUN",
      description =
          "A layout image-generator run (t2i train layout-image), with --boxes and --shapes:"
              + " exported as text2scene.")
  Path image;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The models folder.")
  Path out;

  @Option(
      names = "--version",
      paramLabel = "N",
      description = "Model version: the folder under each model (default: ${DEFAULT-VALUE}).",
      defaultValue = "1",
      converter = OptionValues.PositiveInt.class)
  int version;

  @Option(names = "--force", description = "Replace an existing export of the same version.")
  boolean force;

  @Option(
      names = "--precision",
      description =
          "float32 or bfloat16: the arithmetic `t2i serve` runs the models in (TF's oneDNN mixed"
              + " precision; the graphs stay float32). Default: the precision the GAN trained in,"
              + " float32 for a text encoder alone.",
      converter = OptionValues.PrecisionName.class)
  String precision;

  @Override
  public Integer call() throws Exception {
    if ((shapes != null || image != null) && (boxes == null || shapes == null)) {
      throw new IllegalArgumentException(
          "--shapes needs --boxes, and --image needs --boxes and --shapes: the layout pipeline"
              + " is exported whole");
    }
    if (embedding == null && gan == null && style == null && judge == null && boxes == null) {
      throw new IllegalArgumentException(
          "give --embedding RUN, --gan RUN, --style RUN, --judge RUN, --boxes RUN or several");
    }
    if (judge != null) {
      spec.commandLine()
          .getOut()
          .println("wrote " + JudgeExport.export(judge, out, version, force));
    }
    if (boxes != null) {
      Path layout =
          shapes == null
              ? TextToLayoutExport.export(boxes, out, version, force)
              : TextToSceneExport.exportLayout(boxes, shapes, out, version, force);
      spec.commandLine().getOut().println("wrote " + layout);
    }
    if (image != null) {
      spec.commandLine()
          .getOut()
          .println(
              "wrote " + TextToSceneExport.exportScene(boxes, shapes, image, out, version, force));
    }
    if (embedding == null && gan == null && style == null) {
      return 0;
    }
    Precision given = precision == null ? null : Precision.of(precision);
    Path textRun = embedding;
    if (textRun == null) {
      Path ganRun =
          gan != null
              ? gan
              : Path.of(
                  RunDirectory.open(style, StyleTrainer.KIND)
                      .config(StyleTrainingConfig.class)
                      .gan());
      try (GanModel model = GanModel.load(ganRun, 1)) {
        textRun = model.embeddingRun();
      }
    }
    spec.commandLine()
        .getOut()
        .println(
            "wrote "
                + TextEncoderExport.export(
                    textRun, out, version, force, given == null ? Precision.FLOAT32 : given));
    if (gan != null) {
      spec.commandLine()
          .getOut()
          .println("wrote " + TextToImageExport.export(textRun, gan, out, version, force, given));
    }
    if (style != null) {
      spec.commandLine()
          .getOut()
          .println("wrote " + StyleExport.export(textRun, style, out, version, force, given));
    }
    return 0;
  }
}
