package t2i.data.coco;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import t2i.data.Split;
import t2i.data.image.Images;
import t2i.data.scenes.Box;
import t2i.data.scenes.CaptionFacts;
import t2i.data.scenes.MaskPng;
import t2i.data.scenes.SceneRecord;
import t2i.data.text.ReedAlphabet;
import t2i.error.UserException;

/**
 * One kept COCO image as a {@link SceneRecord}, the emoji scenes' format, so that whatever reads
 * scenes reads COCO too.
 *
 * <ul>
 *   <li><b>Image</b>: the whole photo resized to {@code size × size}, aspect ratio not kept
 *       (squashed), as sg2im and Hong et al. do for COCO layouts; boxes and masks are squashed with
 *       it, so normalised boxes are the same before and after.
 *   <li><b>Boxes</b>: COCO's {@code bbox} divided by the image's width and height (x, y top-left,
 *       w, h), clipped to the image; objects left to right as {@link CocoImage} orders them.
 *   <li><b>Masks</b>: each object's polygon or RLE mask resized to the output size by majority vote
 *       ({@link CocoMask#resize}); COCO annotates visible parts, as the emoji scenes' visible
 *       masks. A thin object may lose every pixel at 64×64; its box is kept.
 *   <li><b>Classes</b>: the 0..79 index of the instances file's category list and the category name
 *       ({@code person}); the emoji key, the scenes' fine label, is the category name too, as COCO
 *       has no finer label.
 *   <li><b>Captions</b>: the human captions rewritten into Reed's alphabet by {@link
 *       ReedAlphabet#normalise} (lower case, accents dropped, other characters spaces, cut at 201
 *       characters); one that keeps nothing is dropped.
 *   <li><b>Facts</b>: free text states no checked facts, so each caption gets {@link
 *       #FACTS_TEMPLATE}: every object of the image, no relation, size, position or background.
 *       Evaluation should compare such captions' layouts with the stored layout, not with facts.
 *   <li><b>Style</b> {@link #STYLE}, <b>background</b> {@link #BACKGROUND}, <b>key</b> the file
 *       name without extension ({@code COCO_val2014_000000000042}).
 * </ul>
 */
public final class CocoSceneConverter {
  public static final String STYLE = "coco";
  public static final String BACKGROUND = "unknown";
  public static final String FACTS_TEMPLATE = "coco";

  private final int size;

  public CocoSceneConverter(int size) {
    this.size = size;
  }

  /**
   * An image's captions as stored, and how many of COCO's differ from their stored form other than
   * by case (characters replaced, spaces collapsed, cut, or dropped).
   */
  record Captions(List<String> stored, int rewritten) {}

  /** The image's captions rewritten into Reed's alphabet, those left empty dropped. */
  static Captions captions(CocoImage image) {
    List<String> stored = new ArrayList<>();
    int rewritten = 0;
    for (String text : image.captions()) {
      String caption = ReedAlphabet.normalise(text);
      if (!caption.equals(text.toLowerCase(Locale.ROOT))) {
        rewritten++;
      }
      if (!caption.isEmpty()) {
        stored.add(caption);
      }
    }
    return new Captions(stored, rewritten);
  }

  /**
   * @param captions the image's captions as {@link #captions} gives them, not empty
   */
  public SceneRecord convert(CocoImage image, List<String> captions, Split split) {
    List<SceneRecord.Item> items = new ArrayList<>();
    for (CocoObject o : image.objects()) {
      items.add(
          new SceneRecord.Item(
              o.categoryIndex(),
              o.categoryName(),
              o.categoryName(),
              box(o, image),
              MaskPng.encode(o.mask(size, size).toBooleans(), size)));
    }
    CaptionFacts facts =
        new CaptionFacts(
            FACTS_TEMPLATE,
            IntStream.range(0, items.size()).boxed().toList(),
            List.of(),
            List.of(),
            List.of(),
            null);
    return new SceneRecord(
        key(image),
        Images.encodePng(Images.resize(pixels(image), size, size)),
        size,
        split,
        STYLE,
        BACKGROUND,
        items,
        captions,
        captions.stream().map(c -> facts).toList());
  }

  static String key(CocoImage image) {
    String name = image.fileName();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  static Box box(CocoObject o, CocoImage image) {
    CocoBox b = o.box().normalised(image.width(), image.height());
    double x0 = clip(b.x());
    double y0 = clip(b.y());
    double x1 = clip(b.x() + b.width());
    double y1 = clip(b.y() + b.height());
    if (x1 <= x0 || y1 <= y0) {
      throw new UserException(
          "annotation "
              + o.annotationId()
              + " of image "
              + image.id()
              + " has a box outside its "
              + image.width()
              + "x"
              + image.height()
              + " image: is the instances file damaged?");
    }
    return new Box(x0, y0, x1 - x0, y1 - y0);
  }

  private static double clip(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private BufferedImage pixels(CocoImage image) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(image.path());
    } catch (IOException e) {
      throw new UserException("cannot read " + image.path() + ": " + e.getMessage(), e);
    }
    BufferedImage pixels = Images.decodeOnWhite(bytes, image.path().toString());
    if (pixels.getWidth() != image.width() || pixels.getHeight() != image.height()) {
      throw new UserException(
          String.format(
              "%s is %dx%d but the instances file says image %d is %dx%d: is the image folder"
                  + " from the same COCO release as the annotations?",
              image.path(),
              pixels.getWidth(),
              pixels.getHeight(),
              image.id(),
              image.width(),
              image.height()));
    }
    return pixels;
  }
}
