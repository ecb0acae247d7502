package t2i.data.emoji;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Map;

/** The npm packages the emoji dataset is built from: one per art style, plus the CLDR texts. */
public record EmojiSources(
    Map<String, NpmPackage> artByStyle, NpmPackage annotations, NpmPackage derivedAnnotations) {

  /**
   * The versions and digests this project was built and tested with (README, "The emoji dataset").
   */
  public static final EmojiSources PINNED =
      new EmojiSources(
          Map.of(
              "google",
              new NpmPackage(
                  "emoji-datasource-google",
                  "16.0.0",
                  "ZRexfzs7MVoLnmzZmNsO4TKhnAJp5D++Vm6PpUpH/jEQQlemp3l88CjZ+DoZ2faM9R4QxZkOPJCoT8DlPhfQ3A==",
                  "Noto Emoji art: Apache-2.0; emoji-datasource code: MIT"),
              "twitter",
              new NpmPackage(
                  "emoji-datasource-twitter",
                  "16.0.0",
                  "7F+uCuHH+7Qnrc15P5tnbvKkg9E6tlzi4MnT2uW1RlN4pLYTza6cP/dstIfSDMtpjFLWuZewWg8jBbuL2eyELQ==",
                  "Twemoji art: CC-BY-4.0 (attribution required); emoji-datasource code: MIT")),
          new NpmPackage(
              "cldr-annotations-full",
              "48.2.0",
              "DV7A+rEcgUSNTRsVGNGqBZRmAkGfwhGHO5Q1dRwzBoBnVrHWp804JP7/QJdEc66iHmx3+zLWVIMCFLm0lW7PUQ==",
              "Unicode-3.0"),
          new NpmPackage(
              "cldr-annotations-derived-full",
              "48.2.0",
              "log62km+AOzI7n/NEuNNFV0mg9DWnt67EYCh1RwxZq9dyRuyteB586LT83Ke8TchEfnwI9cIk2P31zO4nTvZmw==",
              "Unicode-3.0"));

  public EmojiSources {
    checkArgument(
        artByStyle != null && annotations != null && derivedAnnotations != null,
        "sources need artByStyle, annotations and derivedAnnotations");
    checkArgument(!artByStyle.isEmpty(), "no art styles");
    artByStyle = Map.copyOf(artByStyle);
  }

  public NpmPackage art(String style) {
    NpmPackage p = artByStyle.get(style);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown style '"
              + style
              + "': choose from "
              + artByStyle.keySet().stream().sorted().toList()
              + " (Apple and Facebook art are not openly licensed)");
    }
    return p;
  }
}
