package t2i.cli;

import com.google.gson.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.Dataset;
import t2i.data.DatasetSummary;
import t2i.data.io.Json;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneStatistics;
import t2i.training.TextEncodingCheck;

/** {@code t2i data info}. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description =
        "Print a dataset's records, classes, captions per record, split sizes and styles.")
final class DataInfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatasetParameter data;

  @Option(
      names = "--verify",
      description = "Also check every shard's SHA-256 against the manifest.")
  boolean verify;

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @Option(
      names = "--check-text",
      description =
          "Also check the utf8 text encoding on every distinct caption, per language: the"
              + " exported graph's ids against the Java encoder's, the code-point-wise"
              + " normalisation against whole-text NFKC, and the captions cut at 201 bytes.")
  boolean checkText;

  @Override
  public Integer call() {
    Dataset dataset = Dataset.open(data.dir);
    if (verify) {
      dataset.verifyChecksums();
    }
    DatasetSummary summary = DatasetSummary.of(dataset);
    SceneStatistics scenes =
        SceneDataset.isScenes(dataset) ? SceneStatistics.of(SceneDataset.open(data.dir)) : null;
    if (json) {
      JsonObject tree = Json.gson().toJsonTree(summary).getAsJsonObject();
      if (scenes != null) {
        tree.add("scenes", Json.gson().toJsonTree(scenes));
      }
      spec.commandLine().getOut().print(Json.gson().toJson(tree) + "\n");
    } else {
      spec.commandLine().getOut().print(summary.format());
      if (scenes != null) {
        spec.commandLine().getOut().print(scenes.format());
      }
    }
    if (checkText) {
      spec.commandLine().getOut().print(TextEncodingCheck.format(TextEncodingCheck.of(dataset)));
    }
    if (verify) {
      spec.commandLine()
          .getOut()
          .println(
              "checksums: all "
                  + dataset.manifest().shards().size()
                  + " shards match the manifest");
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** Prints a dataset's statistics table to the command's standard output. */
  static void printSummary(CommandSpec spec, Dataset dataset) {
    spec.commandLine().getOut().print(DatasetSummary.of(dataset).format());
    if (SceneDataset.isScenes(dataset)) {
      spec.commandLine()
          .getOut()
          .print(SceneStatistics.of(SceneDataset.open(dataset.dir())).format());
    }
    spec.commandLine().getOut().flush();
  }
}
