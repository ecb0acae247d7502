package t2i.cli;

import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.DataException;
import t2i.data.Dataset;
import t2i.data.DatasetManifest;
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

  @Mixin DatasetOption data;

  @Option(names = "--fresh", description = "Rebuild stages that are already done.")
  boolean fresh;

  @Mixin NpmOption npm;

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    boolean built = Files.exists(data.dir.resolve(DatasetManifest.FILE_NAME));
    if (!built && Files.exists(data.dir)) {
      throw new DataException(
          data.dir + " exists and is not a t2i dataset: choose another --data, or move it away");
    }
    if (built && !fresh) {
      err.println("[1/1] emoji dataset: reusing " + data.dir + " (--fresh rebuilds it)");
    } else {
      err.println("[1/1] emoji dataset");
      EmojiDatasetOptions options =
          EmojiDatasetOptions.builder(data.dir, Locations.cacheDir()).force(fresh).build();
      DataEmojiCommand.build(spec, options, npm.executable());
    }
    err.flush();
    DataInfoCommand.printSummary(spec, Dataset.open(data.dir));
    spec.commandLine().getOut().println();
    spec.commandLine()
        .getOut()
        .println(
            "Next stages (text encoder, GAN, style encoder, export, report) are not built yet.");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
