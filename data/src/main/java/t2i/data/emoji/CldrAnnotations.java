package t2i.data.emoji;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import t2i.error.UserException;

/**
 * One language's CLDR annotations: for each emoji, its text-to-speech name ({@code tts}) and
 * keyword list ({@code default}). Base emoji are in {@code cldr-annotations-full}, skin-tone and
 * other sequences in {@code cldr-annotations-derived-full}, one folder per language.
 */
public final class CldrAnnotations {
  public static final String PATH = path("en");
  public static final String DERIVED_PATH = derivedPath("en");

  /** Where {@code cldr-annotations-full} keeps a language's annotations. */
  public static String path(String language) {
    return "package/annotations/" + language + "/annotations.json";
  }

  /** Where {@code cldr-annotations-derived-full} keeps a language's annotations. */
  public static String derivedPath(String language) {
    return "package/annotationsDerived/" + language + "/annotations.json";
  }

  /** The language of a {@link #path} in the package, or null for another file. */
  public static String languageOf(String entry) {
    String prefix = "package/annotations/";
    String suffix = "/annotations.json";
    if (!entry.startsWith(prefix) || !entry.endsWith(suffix)) {
      return null;
    }
    String language = entry.substring(prefix.length(), entry.length() - suffix.length());
    return language.contains("/") ? null : language;
  }

  /** One emoji's CLDR entry. */
  public record Annotation(String tts, List<String> keywords) {
    public Annotation {
      keywords = List.copyOf(keywords);
    }
  }

  private static final String VARIATION_SELECTOR_16 = "\uFE0F";

  private final Map<String, Annotation> byText;

  private CldrAnnotations(Map<String, Annotation> byText) {
    this.byText = byText;
  }

  /** The English annotations. */
  public static CldrAnnotations parse(byte[] annotationsJson, byte[] derivedJson) {
    return parse("en", annotationsJson, derivedJson);
  }

  /** One language's annotations, from its files in the two packages. */
  public static CldrAnnotations parse(String language, byte[] annotationsJson, byte[] derivedJson) {
    Map<String, Annotation> byText = new HashMap<>();
    load(annotationsJson, "annotations", path(language), byText);
    load(derivedJson, "annotationsDerived", derivedPath(language), byText);
    return new CldrAnnotations(byText);
  }

  private static void load(byte[] json, String root, String path, Map<String, Annotation> into) {
    JsonObject entries;
    try {
      entries =
          JsonParser.parseString(new String(json, StandardCharsets.UTF_8))
              .getAsJsonObject()
              .getAsJsonObject(root)
              .getAsJsonObject("annotations");
    } catch (JsonParseException | IllegalStateException | NullPointerException e) {
      throw new UserException(path + " is not CLDR annotations JSON: " + e.getMessage(), e);
    }
    for (Map.Entry<String, JsonElement> e : entries.entrySet()) {
      JsonObject value = e.getValue().getAsJsonObject();
      if (!value.has("tts")) {
        continue;
      }
      List<String> keywords = new ArrayList<>();
      if (value.has("default")) {
        value.getAsJsonArray("default").forEach(k -> keywords.add(k.getAsString()));
      }
      String tts = value.getAsJsonArray("tts").get(0).getAsString();
      into.putIfAbsent(e.getKey(), new Annotation(tts, keywords));
    }
  }

  /**
   * The entry of a variant: the code points as given, then without U+FE0F (CLDR omits it in some
   * keys), then emoji.json's non-qualified form.
   */
  public Optional<Annotation> lookup(EmojiVariant v) {
    String text = v.text();
    Annotation a = byText.get(text);
    if (a == null) {
      a = byText.get(text.replace(VARIATION_SELECTOR_16, ""));
    }
    if (a == null && v.nonQualified() != null) {
      a = byText.get(EmojiCatalog.textOf(v.nonQualified()));
    }
    return Optional.ofNullable(a);
  }

  /** The CLDR name of a skin tone modifier ({@code 1F3FE} → "medium-dark skin tone"). */
  public String skinToneName(String hex) {
    Annotation a = byText.get(EmojiCatalog.textOf(hex));
    if (a == null) {
      throw new UserException("CLDR annotations have no entry for skin tone U+" + hex);
    }
    return a.tts();
  }
}
