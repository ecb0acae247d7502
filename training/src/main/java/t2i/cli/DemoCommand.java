package t2i.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.Dataset;
import t2i.data.DatasetManifest;
import t2i.data.DatasetSummary;
import t2i.data.emoji.EmojiDatasetOptions;

/**
 * {@code t2i demo}: the whole pipeline in one command. Today it has one stage, the emoji dataset
 * (fetched, verified, built once, then reused); the training stages join as they are built.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the pipeline end to end. Stage 1 (available now): fetch the emoji art and CLDR"
          + " descriptions with npm, build the dataset once (reused on later runs), print its"
          + " statistics. Training, export and sampling stages are not built yet."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Dataset folder (default: ${DEFAULT-VALUE}).",
      defaultValue = Locations.DEFAULT_EMOJI_DATASET)
  Path data;

  @Option(names = "--fresh", description = "Rebuild stages that are already done.")
  boolean fresh;

  @Option(
      names = "--npm",
      paramLabel = "PATH",
      description = "The npm executable (default: ${DEFAULT-VALUE}).",
      defaultValue = "npm")
  String npm;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    boolean exists = Files.exists(data.resolve(DatasetManifest.FILE_NAME));
    if (exists && !fresh) {
      err.println("[1/1] emoji dataset: reusing " + data + " (--fresh rebuilds it)");
    } else {
      err.println("[1/1] emoji dataset");
      EmojiDatasetOptions options =
          EmojiDatasetOptions.defaults(data, Locations.cacheDir())
              .withForce(fresh || Files.exists(data));
      DataEmojiCommand.build(spec, options, npm);
    }
    err.flush();
    out.print(DatasetSummary.of(Dataset.open(data)).format());
    out.println();
    out.println(
        "Next stages (text encoder, GAN, style encoder, export, report) are not built yet.");
    out.flush();
    return 0;
  }
}
