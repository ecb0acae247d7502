package t2i.data.emoji;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import t2i.error.UserException;

/** Parses emoji-datasource's {@code emoji.json} into its drawable variants. */
public final class EmojiCatalog {
  public static final String PATH = "package/emoji.json";

  private EmojiCatalog() {}

  /**
   * Every base entry and skin variation, ordered by emoji.json's sort order then by tone.
   *
   * @param styles the styles whose {@code has_img_<style>} flags are read
   */
  public static List<EmojiVariant> parse(byte[] emojiJson, List<String> styles) {
    JsonArray entries;
    try {
      entries =
          JsonParser.parseString(new String(emojiJson, StandardCharsets.UTF_8)).getAsJsonArray();
    } catch (JsonParseException | IllegalStateException e) {
      throw new UserException(PATH + " is not the expected JSON array: " + e.getMessage(), e);
    }
    List<EmojiVariant> variants = new ArrayList<>();
    for (JsonElement element : entries) {
      JsonObject e = element.getAsJsonObject();
      String name = string(e, "name");
      List<String> shortNames = new ArrayList<>();
      if (e.has("short_names")) {
        e.getAsJsonArray("short_names").forEach(s -> shortNames.add(s.getAsString()));
      }
      String category = string(e, "category");
      String subcategory = string(e, "subcategory");
      int sortOrder = e.has("sort_order") ? e.get("sort_order").getAsInt() : Integer.MAX_VALUE;
      String base = string(e, "unified");
      variants.add(
          new EmojiVariant(
              base,
              base,
              optionalString(e, "non_qualified"),
              string(e, "image"),
              name,
              shortNames,
              category,
              subcategory,
              List.of(),
              sortOrder,
              stylesWithImage(e, styles)));
      if (e.has("skin_variations") && e.get("skin_variations").isJsonObject()) {
        for (Map.Entry<String, JsonElement> tone :
            e.getAsJsonObject("skin_variations").entrySet()) {
          JsonObject v = tone.getValue().getAsJsonObject();
          variants.add(
              new EmojiVariant(
                  string(v, "unified"),
                  base,
                  optionalString(v, "non_qualified"),
                  string(v, "image"),
                  name,
                  shortNames,
                  category,
                  subcategory,
                  List.of(tone.getKey().split("-")),
                  sortOrder,
                  stylesWithImage(v, styles)));
        }
      }
    }
    variants.sort(
        Comparator.comparingInt(EmojiVariant::sortOrder)
            .thenComparing(v -> String.join("-", v.skinTones())));
    return variants;
  }

  /** The text of a {@code unified} code point sequence such as {@code 1F44B-1F3FE}. */
  public static String textOf(String unified) {
    StringBuilder sb = new StringBuilder();
    for (String hex : unified.split("-")) {
      sb.appendCodePoint(Integer.parseInt(hex, 16));
    }
    return sb.toString();
  }

  private static Set<String> stylesWithImage(JsonObject e, List<String> styles) {
    Set<String> has = new HashSet<>();
    for (String style : styles) {
      JsonElement flag = e.get("has_img_" + style);
      if (flag != null && flag.getAsBoolean()) {
        has.add(style);
      }
    }
    return has;
  }

  private static String string(JsonObject e, String key) {
    JsonElement v = e.get(key);
    if (v == null || v.isJsonNull()) {
      throw new UserException(PATH + ": an entry has no '" + key + "': " + abbreviate(e));
    }
    return v.getAsString();
  }

  private static String optionalString(JsonObject e, String key) {
    JsonElement v = e.get(key);
    return v == null || v.isJsonNull() ? null : v.getAsString();
  }

  private static String abbreviate(JsonObject e) {
    String s = e.toString();
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }
}
