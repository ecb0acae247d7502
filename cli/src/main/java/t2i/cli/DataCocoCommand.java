package t2i.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.Dataset;
import t2i.data.coco.CocoScenesBuilder;
import t2i.data.coco.CocoScenesOptions;

/** {@code t2i data coco}. */
@Command(
    name = "coco",
    mixinStandardHelpOptions = true,
    description = {
      "Convert COCO 2014 on disk into a scenes dataset (the emoji scenes' record format, so"
          + " `data info`, `data preview` and the layout models read it): up to 8 objects per"
          + " image with boxes and instance masks, and the human captions.",
      "--coco DIR holds annotations/instances_{train,val}2014.json,"
          + " annotations/captions_{train,val}2014.json, train2014/ and val2014/. Crowd objects and"
          + " objects under 2%% of the image are dropped, the 8 largest kept; train2014 becomes"
          + " trainval and validation, val2014 test. Photos are squashed to --size squared;"
          + " captions are rewritten into Reed's alphabet (lower case, accents dropped, other"
          + " characters spaces, at most 201 characters)."
    })
final class DataCocoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--coco",
      paramLabel = "DIR",
      required = true,
      description = "The COCO 2014 folder (holding annotations/, train2014/ and val2014/).")
  Path coco;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Dataset folder to create (default: ${DEFAULT-VALUE}).",
      defaultValue = Locations.DEFAULT_COCO_DATASET)
  Path out;

  @Option(
      names = "--validation",
      paramLabel = "SHARE",
      description =
          "Share of the train2014 images moved to the validation split (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "0.05",
      converter = OptionValues.OpenFraction.class)
  double validation;

  @Option(
      names = "--seed",
      description = "Which train2014 images go to validation (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  long seed;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description =
          "Convert only the first N usable images of each half, for a quick subset (default: all).",
      converter = OptionValues.PositiveInt.class)
  Integer limit;

  @Mixin SceneImageOptions image;

  @Override
  public Integer call() throws Exception {
    CocoScenesOptions.Builder options =
        CocoScenesOptions.builder(coco, out)
            .size(image.size)
            .validation(validation)
            .seed(seed)
            .force(image.force);
    if (limit != null) {
      options.limit(limit);
    }
    spec.commandLine().getErr().println("Converting COCO 2014 from " + coco + " into " + out);
    new CocoScenesBuilder(options.build()).build(new ConsoleProgress(spec.commandLine().getErr()));
    spec.commandLine().getErr().flush();
    DataInfoCommand.printSummary(spec, Dataset.open(out));
    return 0;
  }
}
