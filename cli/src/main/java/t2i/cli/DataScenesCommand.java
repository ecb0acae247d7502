package t2i.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.Dataset;
import t2i.data.scenes.ScenesDatasetBuilder;
import t2i.data.scenes.ScenesDatasetOptions;

/** {@code t2i data scenes}. */
@Command(
    name = "scenes",
    mixinStandardHelpOptions = true,
    description = {
      "Build the emoji scenes dataset: 1-4 emoji of 20 classes on drawn backgrounds, with boxes,"
          + " visible instance masks and 5 templated captions per scene with their facts; test"
          + " holds out 15%% of each class's emoji and 10%% of (class, relation, class)"
          + " combinations.",
      "Reads the pinned emoji packages from the package cache (fill it once with `t2i data"
          + " emoji`) or --from DIR; never downloads. Deterministic from --seed."
    })
final class DataScenesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Dataset folder to create (default: ${DEFAULT-VALUE}).",
      defaultValue = Locations.DEFAULT_SCENES_DATASET)
  Path out;

  @Option(
      names = "--scenes",
      description =
          "Trainval scenes; validation and test get 1/20 and 1/10 of it (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "20000",
      converter = OptionValues.PositiveInt.class)
  int scenes;

  @Option(
      names = "--styles",
      split = ",",
      paramLabel = "STYLE",
      description = "Art styles, comma-separated; one per scene (default: ${DEFAULT-VALUE}).",
      defaultValue = "google,twitter")
  List<String> styles;

  @Option(
      names = "--seed",
      description = "Seed of the held-out choice and every scene (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  long seed;

  @Mixin SceneImageOptions image;

  @Mixin EmojiPackagesOptions packages;

  @Override
  public Integer call() throws Exception {
    ScenesDatasetOptions options =
        ScenesDatasetOptions.builder(out, packages.cacheDir())
            .size(image.size)
            .scenes(scenes)
            .styles(styles)
            .seed(seed)
            .from(packages.from)
            .force(image.force)
            .sources(packages.sources())
            .build();
    spec.commandLine().getErr().println("Building the emoji scenes dataset in " + out);
    new ScenesDatasetBuilder(options).build(new ConsoleProgress(spec.commandLine().getErr()));
    spec.commandLine().getErr().flush();
    DataInfoCommand.printSummary(spec, Dataset.open(out));
    return 0;
  }
}
