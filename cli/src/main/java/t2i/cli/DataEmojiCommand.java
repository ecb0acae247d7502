package t2i.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.Dataset;
import t2i.data.DatasetManifest;
import t2i.data.emoji.EmojiDatasetBuilder;
import t2i.data.emoji.EmojiDatasetOptions;
import t2i.data.emoji.ProcessNpmClient;

/** {@code t2i data emoji}. */
@Command(
    name = "emoji",
    mixinStandardHelpOptions = true,
    description = {
      "Build the emoji dataset: Google Noto and Twitter Twemoji art at 64x64 with Unicode CLDR"
          + " descriptions, one record per (emoji, skin tone, style), class = emoji subcategory,"
          + " a seeded zero-shot class split.",
      "Packages are fetched with `npm pack` into the cache (or read from --from DIR) and checked"
          + " against pinned SHA-512 digests. Flags are excluded unless --include-flags."
    })
final class DataEmojiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Dataset folder to create (default: ${DEFAULT-VALUE}).",
      defaultValue = Locations.DEFAULT_EMOJI_DATASET)
  Path out;

  @Option(
      names = "--styles",
      split = ",",
      paramLabel = "STYLE",
      description = "Art styles, comma-separated (default: ${DEFAULT-VALUE}).",
      defaultValue = "google,twitter")
  List<String> styles;

  @Option(names = "--include-flags", description = "Include the 270 flag emoji.")
  boolean includeFlags;

  @Option(
      names = "--test-fraction",
      description = "Fraction of classes held out for zero-shot tests (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.2",
      converter = OptionValues.OpenFraction.class)
  double testFraction;

  @Option(
      names = "--split-seed",
      description = "Seed of the class split (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  long splitSeed;

  @Option(
      names = "--captions",
      description = "English captions per record, at least 5 (default: ${DEFAULT-VALUE}).",
      defaultValue = "10",
      converter = OptionValues.PositiveInt.class)
  int captions;

  @Option(
      names = "--languages",
      split = ",",
      paramLabel = "CODE",
      defaultValue = "en",
      description =
          "Languages of the captions, CLDR's codes separated by commas, e.g."
              + " en,zh,ja,es,de,fr,ru,ar,hi (default: ${DEFAULT-VALUE}); each caption is tagged"
              + " with its language.")
  List<String> languages;

  @Option(
      names = "--captions-per-language",
      paramLabel = "N",
      description =
          "Captions per record in each language other than English, from CLDR alone: the name,"
              + " the keywords, then keyword subsets (default: ${DEFAULT-VALUE}).",
      defaultValue = "3",
      converter = OptionValues.PositiveInt.class)
  int captionsPerLanguage;

  @Option(names = "--force", description = "Replace an existing dataset at --out.")
  boolean force;

  @Mixin EmojiPackagesOptions packages;

  @Mixin NpmOption npm;

  @Override
  public Integer call() throws Exception {
    build(spec.commandLine().getErr(), options(), npm.executable());
    DataInfoCommand.printSummary(spec, Dataset.open(out));
    return 0;
  }

  EmojiDatasetOptions options() {
    return EmojiDatasetOptions.builder(out, packages.cacheDir())
        .styles(styles)
        .from(packages.from)
        .includeFlags(includeFlags)
        .testFraction(testFraction)
        .splitSeed(splitSeed)
        .captionsPerRecord(captions)
        .languages(languages)
        .captionsPerLanguage(captionsPerLanguage)
        .force(force)
        .sources(packages.sources())
        .build();
  }

  /** Builds the dataset with a progress bar on {@code err}; what {@code t2i demo} runs too. */
  static DatasetManifest build(PrintWriter err, EmojiDatasetOptions options, String npm)
      throws Exception {
    err.println("Building the emoji dataset in " + options.out());
    DatasetManifest manifest =
        new EmojiDatasetBuilder(options, new ProcessNpmClient(npm)).build(new ConsoleProgress(err));
    err.flush();
    return manifest;
  }
}
