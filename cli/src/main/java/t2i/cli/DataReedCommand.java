package t2i.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.Dataset;
import t2i.data.reed.ReedDatasetConverter;
import t2i.data.reed.ReedDatasetOptions;

/** {@code t2i data reed}. */
@Command(
    name = "reed",
    mixinStandardHelpOptions = true,
    description = {
      "Convert CUB-200-2011 or Oxford-102 in the layout of Reed et al. (text_c10/<class>/<image>.txt"
          + " with one caption per line, trainvalclasses.txt, testclasses.txt) to a t2i dataset.",
      "Images are resized to --size (default 76) for random crops at training time (64x64 by"
          + " default)."
    })
final class DataReedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--images",
      required = true,
      paramLabel = "DIR",
      description =
          "Images: <class>/<name>.jpg (CUB images/) or flat <name>.jpg (Oxford-102 jpg/).")
  Path images;

  @Option(
      names = "--text",
      required = true,
      paramLabel = "DIR",
      description = "The text_c10 folder: <class>/<name>.txt.")
  Path text;

  @Option(
      names = "--classes",
      required = true,
      paramLabel = "DIR",
      description = "Folder with trainvalclasses.txt and testclasses.txt.")
  Path classes;

  @Option(
      names = "--bounding-boxes",
      paramLabel = "FILE",
      description =
          "CUB's bounding_boxes.txt (images.txt must be beside it): crop around each bird.")
  Path boundingBoxes;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Dataset folder to create.")
  Path out;

  @Option(
      names = "--name",
      description = "Dataset name, e.g. cub or flowers (default: ${DEFAULT-VALUE}).",
      defaultValue = "reed")
  String name;

  @Option(
      names = "--size",
      description = "Stored image side (default: ${DEFAULT-VALUE}).",
      defaultValue = "76",
      converter = OptionValues.PositiveInt.class)
  int size;

  @Option(names = "--force", description = "Replace an existing dataset at --out.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    ReedDatasetOptions options =
        new ReedDatasetOptions(images, text, classes, boundingBoxes, out, name, size, force);
    new ReedDatasetConverter(options).convert(new ConsoleProgress(spec.commandLine().getErr()));
    DataInfoCommand.printSummary(spec, Dataset.open(out));
    return 0;
  }
}
