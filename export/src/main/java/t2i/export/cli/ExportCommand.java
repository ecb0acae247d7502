package t2i.export.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.export.TextEncoderExport;

/** {@code t2i export}. */
@Command(
    name = "export",
    description = {
      "Export trained models as SavedModels in TF Serving's layout, DIR/<model>/<version>/"
          + "{saved_model.pb, variables/}, tag serve, method tensorflow/serving/predict,"
          + " inference-only (no optimizer state).",
      "--embedding RUN writes text_encoder: signature serving_default (text string [N] ->"
          + " embedding float [N, D], Reed's character encoding done in the graph) and"
          + " encode_chars (chars int32 [N, 201] -> embedding)."
    })
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  // Only --help: --version is the model version here, as TF Serving's layout calls it.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = "--embedding",
      required = true,
      paramLabel = "RUN",
      description = "A joint-embedding run: exported as text_encoder.")
  Path embedding;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The models folder.")
  Path out;

  @Option(
      names = "--version",
      paramLabel = "N",
      description = "Model version: the folder under each model (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  int version;

  @Option(names = "--force", description = "Replace an existing export of the same version.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    if (version < 1) {
      throw new IllegalArgumentException("--version must be >= 1, was " + version);
    }
    Path written = TextEncoderExport.export(embedding, out, version, force);
    spec.commandLine().getOut().println("wrote " + written);
    return 0;
  }
}
