package t2i.data.coco;

import com.google.common.hash.Hashing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import t2i.data.DatasetManifest;
import t2i.data.DatasetManifest.ClassEntry;
import t2i.data.DatasetManifest.SourceEntry;
import t2i.data.Progress;
import t2i.data.ShardedDatasetWriter;
import t2i.data.Split;
import t2i.data.io.Json;
import t2i.data.scenes.SceneExampleCodec;
import t2i.error.UserException;

/**
 * Converts COCO 2014 as users have it on disk into a scenes dataset: the record format, shards,
 * manifest and atomic folder of the emoji scenes ({@link SceneExampleCodec}), each record as {@link
 * CocoSceneConverter} describes. train2014 becomes trainval, less a validation share chosen by
 * seed; val2014 becomes test. {@link #SIDECAR} beside the manifest lists the classes with their
 * COCO ids and what the filters dropped. Every input is checked before any work, and a failure
 * leaves no folder behind.
 */
public final class CocoScenesBuilder {
  public static final String SIDECAR = "coco.json";

  private final CocoScenesOptions options;

  public CocoScenesBuilder(CocoScenesOptions options) {
    this.options = options;
  }

  /** The sidecar: the classes, and what became of each half. */
  public record Sidecar(List<CocoCategory> classes, List<HalfReport> halves) {}

  /**
   * What became of one half of COCO.
   *
   * @param half {@code train2014} or {@code val2014}
   * @param filters what the reader's filters kept and dropped
   * @param imagesWithoutAlphabetCaptions kept images skipped because no caption keeps a character
   *     of Reed's alphabet
   * @param imagesBeyondLimit kept images skipped by {@code --limit}
   * @param captionsRewritten captions stored otherwise than as COCO's text in lower case
   *     (characters replaced, spaces collapsed, or cut)
   * @param records records written, validation included
   */
  public record HalfReport(
      String half,
      CocoReadStats filters,
      int imagesWithoutAlphabetCaptions,
      int imagesBeyondLimit,
      int captionsRewritten,
      int records) {}

  public DatasetManifest build(Progress progress) throws IOException {
    CocoReader reader = new CocoReader(options.coco());
    for (CocoSplit half : CocoSplit.values()) {
      reader.checkPresent(half);
    }
    CocoSceneConverter converter = new CocoSceneConverter(options.size());
    try (ShardedDatasetWriter writer =
        ShardedDatasetWriter.create(
            options.out(), options.force(), ShardedDatasetWriter.DEFAULT_RECORDS_PER_SHARD)) {
      List<CocoCategory> categories = null;
      List<HalfReport> reports = new ArrayList<>();
      for (CocoSplit half : CocoSplit.values()) {
        progress.start("read " + half.folderName() + " annotations", 0);
        CocoSplitData data = reader.read(half);
        progress.finish();
        if (categories == null) {
          categories = data.categories();
        } else if (!categories.equals(data.categories())) {
          throw new UserException(
              half.instancesFile(options.coco())
                  + " lists other categories than "
                  + CocoSplit.TRAIN2014.instancesFile(options.coco()).getFileName()
                  + ": are both from COCO 2014?");
        }
        reports.add(convert(data, converter, writer, progress));
      }
      if (reports.stream().allMatch(r -> r.records() == 0)) {
        throw new UserException(
            "no image of "
                + options.coco()
                + " has an object left after the filters and a caption: nothing to convert");
      }
      Json.write(writer.stagingDirectory().resolve(SIDECAR), new Sidecar(categories, reports));
      List<ClassEntry> classes = new ArrayList<>();
      for (CocoCategory c : categories) {
        classes.add(new ClassEntry(c.index(), c.name(), Split.TRAINVAL, 0));
      }
      return writer.commit(
          new ShardedDatasetWriter.Description(
              CocoScenesOptions.NAME,
              "COCO 2014 as scenes: train2014 as trainval and validation, val2014 as test;"
                  + " photos squashed to "
                  + options.size()
                  + "x"
                  + options.size()
                  + ", up to 8 objects of 2% or more with boxes and masks, the human captions"
                  + " (no caption facts)",
              classes,
              List.of(
                  new SourceEntry(
                      "COCO 2014",
                      "2014",
                      "",
                      "annotations CC BY 4.0; images under their Flickr terms")),
              manifestOptions()));
    }
  }

  /** Writes the usable images of one half, up to the limit; validation is carved from trainval. */
  private HalfReport convert(
      CocoSplitData data,
      CocoSceneConverter converter,
      ShardedDatasetWriter writer,
      Progress progress)
      throws IOException {
    List<CocoImage> images = new ArrayList<>();
    List<List<String>> captions = new ArrayList<>();
    int withoutCaptions = 0;
    int beyondLimit = 0;
    int rewritten = 0;
    for (CocoImage image : data.images()) {
      CocoSceneConverter.Captions stored = CocoSceneConverter.captions(image);
      if (stored.stored().isEmpty()) {
        withoutCaptions++;
      } else if (images.size() == options.limit()) {
        beyondLimit++;
      } else {
        images.add(image);
        captions.add(stored.stored());
        rewritten += stored.rewritten();
      }
    }
    Set<Long> validation = data.split() == Split.TRAINVAL ? validationImages(images) : Set.of();
    progress.start("convert " + data.half().folderName() + " images", images.size());
    for (int i = 0; i < images.size(); i++) {
      CocoImage image = images.get(i);
      Split split = validation.contains(image.id()) ? Split.VALIDATION : data.split();
      SceneExampleCodec.write(writer, converter.convert(image, captions.get(i), split));
      progress.advance(1);
    }
    progress.finish();
    return new HalfReport(
        data.half().folderName(),
        data.stats(),
        withoutCaptions,
        beyondLimit,
        rewritten,
        images.size());
  }

  /**
   * The train2014 images that go to validation: the share of them (at least one of two or more,
   * never all) whose hash of seed and COCO id is lowest, so the choice depends on the seed and the
   * images, not on their order.
   */
  Set<Long> validationImages(List<CocoImage> images) {
    if (images.size() < 2) {
      return Set.of();
    }
    int count =
        (int)
            Math.min(
                images.size() - 1, Math.max(1, Math.round(options.validation() * images.size())));
    Set<Long> chosen = new HashSet<>();
    images.stream()
        .map(CocoImage::id)
        .sorted(Comparator.comparingLong(this::rank).thenComparingLong(id -> id))
        .limit(count)
        .forEach(chosen::add);
    return chosen;
  }

  private long rank(long imageId) {
    return Hashing.murmur3_128()
        .newHasher()
        .putLong(options.seed())
        .putLong(imageId)
        .hash()
        .asLong();
  }

  private Map<String, String> manifestOptions() {
    Map<String, String> opts = new TreeMap<>();
    opts.put("coco", options.coco().toAbsolutePath().normalize().toString());
    opts.put("size", Integer.toString(options.size()));
    opts.put("validation", Double.toString(options.validation()));
    opts.put("seed", Long.toString(options.seed()));
    opts.put(
        "limit", options.limit() == Integer.MAX_VALUE ? "none" : Integer.toString(options.limit()));
    return opts;
  }
}
