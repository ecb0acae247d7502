package t2i.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * One image with its captions: the unit of every dataset.
 *
 * @param key what the record shows, unique within (key, style): an emoji's code points such as
 *     {@code 1F44B-1F3FE}, or an image file's name for Reed-layout data
 * @param png the image as PNG bytes (RGB, no alpha)
 * @param width image width in pixels
 * @param height image height in pixels
 * @param captions at least one caption
 * @param classId index of {@code className} in the dataset's sorted class list
 * @param className the class (emoji subcategory, CUB species, flower species)
 * @param concept what one picture is of, across its variants: for emoji the base emoji's code
 *     points (its skin tones and both art styles share it), for Reed-layout data the species
 * @param style the art style or source ({@code google}, {@code twitter}, {@code photo})
 * @param split {@code trainval} or {@code test}
 * @param captionLanguages the language of each caption, in the same order (CLDR's codes: {@code
 *     en}, {@code zh}, {@code pt-PT}, ...); English for data without this field
 */
public record TextImageRecord(
    String key,
    byte[] png,
    int width,
    int height,
    List<String> captions,
    int classId,
    String className,
    String concept,
    String style,
    Split split,
    List<String> captionLanguages) {
  /** The language of captions that carry no tag: Reed's data, datasets built before tags. */
  public static final String ENGLISH = "en";

  /** A record whose captions are all English. */
  public TextImageRecord(
      String key,
      byte[] png,
      int width,
      int height,
      List<String> captions,
      int classId,
      String className,
      String concept,
      String style,
      Split split) {
    this(
        key,
        png,
        width,
        height,
        captions,
        classId,
        className,
        concept,
        style,
        split,
        Collections.nCopies(captions.size(), ENGLISH));
  }

  public TextImageRecord {
    checkArgument(!key.isEmpty(), "record key must not be empty");
    checkArgument(png.length > 0, "record %s has no image bytes", key);
    checkArgument(width > 0 && height > 0, "record %s has size %sx%s", key, width, height);
    checkArgument(!captions.isEmpty(), "record %s has no captions", key);
    checkArgument(classId >= 0, "record %s has class id %s", key, classId);
    checkArgument(!concept.isEmpty(), "record %s has no concept", key);
    captions = List.copyOf(captions);
    checkArgument(
        captionLanguages.size() == captions.size(),
        "record %s has %s captions and %s caption languages",
        key,
        captions.size(),
        captionLanguages.size());
    captionLanguages = List.copyOf(captionLanguages);
  }

  /** This record with its captions in {@code language} alone, or empty if it has none. */
  public java.util.Optional<TextImageRecord> inLanguage(String language) {
    List<String> kept = captionsIn(language);
    return kept.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            new TextImageRecord(
                key,
                png,
                width,
                height,
                kept,
                classId,
                className,
                concept,
                style,
                split,
                Collections.nCopies(kept.size(), language)));
  }

  /** The captions in {@code language}, in order. */
  public List<String> captionsIn(String language) {
    return captionsIn(Set.of(language));
  }

  /** The captions in any of {@code languages}, in order. */
  public List<String> captionsIn(Collection<String> languages) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < captions.size(); i++) {
      if (languages.contains(captionLanguages.get(i))) {
        out.add(captions.get(i));
      }
    }
    return out;
  }
}
