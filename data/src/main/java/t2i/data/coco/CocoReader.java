package t2i.data.coco;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import t2i.error.UserException;

/**
 * Reads one half of COCO 2014 from the folder users unpack it into: {@code
 * annotations/instances_<half>.json}, {@code annotations/captions_<half>.json} and the image folder
 * {@code <half>/}.
 *
 * <p>Filters (LAYOUT_SPEC §7, as sg2im): crowd objects are dropped; so are objects whose box covers
 * under 2% of the image; of the rest, the 8 with the largest boxes are kept. Images left with no
 * object, or with no caption, are skipped and counted in {@link CocoReadStats}. Each kept image's
 * file must exist (only its presence is checked; it is not decoded).
 */
public final class CocoReader {
  private final Path root;

  /** A reader of the COCO folder {@code root} (the one holding {@code annotations/}). */
  public CocoReader(Path root) {
    this.root = root;
  }

  /**
   * Checks that the half's annotation files and image folder are there, so that a converter can
   * fail before hours of work on the other half; {@link #read} checks the same.
   */
  public void checkPresent(CocoSplit half) {
    if (!Files.isDirectory(root)) {
      throw new UserException("COCO folder " + root + " is not a folder");
    }
    Path imageFolder = half.imageFolder(root);
    if (!Files.isDirectory(imageFolder)) {
      throw new UserException(
          "missing folder "
              + imageFolder
              + " (unpack "
              + half.folderName()
              + ".zip into "
              + root
              + ")");
    }
    for (Path file : List.of(half.instancesFile(root), half.captionsFile(root))) {
      if (!Files.isRegularFile(file)) {
        throw new UserException("missing " + file + " (" + CocoJson.UNPACK_ANNOTATIONS + ")");
      }
    }
  }

  public CocoSplitData read(CocoSplit half) {
    checkPresent(half);
    Path imageFolder = half.imageFolder(root);
    CocoInstances.Result instances = CocoInstances.read(half.instancesFile(root));
    Map<Long, List<String>> captions =
        CocoCaptions.read(
            half.captionsFile(root),
            instances.images().keySet(),
            instances.objectsByImage().keySet());

    List<CocoImage> images = new ArrayList<>();
    int withoutCaptions = 0;
    int objects = 0;
    int captionCount = 0;
    for (Map.Entry<Long, List<CocoObject>> e : instances.objectsByImage().entrySet()) {
      CocoInstances.ImageEntry entry = instances.images().get(e.getKey());
      List<String> imageCaptions = captions.getOrDefault(e.getKey(), List.of());
      if (imageCaptions.isEmpty()) {
        withoutCaptions++;
        continue;
      }
      Path path = imageFolder.resolve(entry.fileName());
      if (!Files.isRegularFile(path)) {
        throw new UserException(
            "missing "
                + path
                + ": image "
                + entry.id()
                + " of "
                + half.instancesFile(root).getFileName()
                + " (is "
                + imageFolder
                + " complete?)");
      }
      images.add(
          new CocoImage(
              entry.id(),
              entry.fileName(),
              path,
              entry.width(),
              entry.height(),
              e.getValue(),
              imageCaptions));
      objects += e.getValue().size();
      captionCount += imageCaptions.size();
    }
    CocoReadStats stats =
        new CocoReadStats(
            instances.images().size(),
            instances.images().size() - instances.objectsByImage().size(),
            withoutCaptions,
            images.size(),
            instances.annotations(),
            instances.crowdDropped(),
            instances.smallDropped(),
            instances.overLimitDropped(),
            objects,
            captionCount);
    return new CocoSplitData(half, instances.categories(), images, stats);
  }
}
