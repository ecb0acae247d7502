package t2i.data;

import com.google.gson.annotations.SerializedName;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * What counts as one class where a model needs classes (the joint embedding's batches of distinct
 * classes, zero-shot scores): the dataset's class, or the finer concept. On the emoji data the
 * class is the subcategory ({@code animal-mammal} holds dog, cat, cow and unicorn) and the concept
 * one emoji with its skin tones and both art styles; on Reed's layout both are the species.
 */
public enum ClassLevel {
  @SerializedName("subcategory")
  SUBCATEGORY,
  @SerializedName("concept")
  CONCEPT;

  /** The name on the command line and in files. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ClassLevel of(String name) {
    for (ClassLevel level : values()) {
      if (level.label().equals(name)) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "unknown class level '" + name + "' (expected concept or subcategory)");
  }

  /** Each record's class id at this level: the manifest's class or concept id. */
  public ToIntFunction<TextImageRecord> classifier(DatasetManifest manifest) {
    if (this == SUBCATEGORY) {
      return TextImageRecord::classId;
    }
    Map<String, Integer> ids = manifest.conceptIds();
    return r -> {
      Integer id = ids.get(r.concept());
      if (id == null) {
        throw new IllegalArgumentException(
            "record " + r.key() + " has concept " + r.concept() + ", not in the manifest");
      }
      return id;
    };
  }

  /** How many classes of this level a split has. */
  public int count(DatasetManifest manifest, Split split) {
    return this == SUBCATEGORY ? manifest.classes(split).size() : manifest.concepts(split).size();
  }
}
