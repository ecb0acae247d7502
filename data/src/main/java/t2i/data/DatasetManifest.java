package t2i.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code manifest.json} of a dataset folder: what the shards hold and how to check them. Written
 * last when a dataset is built, so a folder with a manifest is a complete dataset.
 *
 * @param formatVersion {@link #FORMAT_VERSION} of the writer
 * @param name short name ({@code emoji}, {@code cub}, {@code flowers}, ...)
 * @param description one line for people
 * @param imageWidth stored image width (64 for emoji; 76 for Reed-layout data, cropped at training
 *     time to the network's side)
 * @param imageHeight stored image height
 * @param classes every class, ordered by id
 * @param concepts every concept, ordered by id (its key's order); each lies in one class
 * @param recordsPerSplit record count of each split
 * @param recordsPerStyle record count of each style
 * @param captions caption counts per record
 * @param shards every shard file with its checksum
 * @param sources where the data came from, with licences
 * @param options the builder's options, for the record
 */
public record DatasetManifest(
    int formatVersion,
    String name,
    String description,
    int imageWidth,
    int imageHeight,
    List<ClassEntry> classes,
    List<ConceptEntry> concepts,
    Map<String, Integer> recordsPerSplit,
    Map<String, Integer> recordsPerStyle,
    CaptionStats captions,
    List<ShardEntry> shards,
    List<SourceEntry> sources,
    Map<String, String> options) {

  public static final int FORMAT_VERSION = 2;
  public static final String FILE_NAME = "manifest.json";

  public DatasetManifest {
    checkArgument(
        name != null
            && classes != null
            && concepts != null
            && recordsPerSplit != null
            && recordsPerStyle != null
            && captions != null
            && shards != null
            && sources != null
            && options != null,
        "the manifest lacks fields (written by another version of t2i?)");
    classes = List.copyOf(classes);
    concepts = List.copyOf(concepts);
    // Sorted maps: the manifest's JSON is then the same bytes on every run.
    recordsPerSplit = Collections.unmodifiableSortedMap(new TreeMap<>(recordsPerSplit));
    recordsPerStyle = Collections.unmodifiableSortedMap(new TreeMap<>(recordsPerStyle));
    shards = List.copyOf(shards);
    sources = List.copyOf(sources);
    options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
    for (int i = 0; i < classes.size(); i++) {
      checkArgument(classes.get(i).id() == i, "class %s has id %s", i, classes.get(i).id());
    }
    for (int i = 0; i < concepts.size(); i++) {
      checkArgument(concepts.get(i).id() == i, "concept %s has id %s", i, concepts.get(i).id());
    }
  }

  public int records() {
    return recordsPerSplit.values().stream().mapToInt(Integer::intValue).sum();
  }

  public int records(Split split) {
    return recordsPerSplit.getOrDefault(split.fileName(), 0);
  }

  public List<ClassEntry> classes(Split split) {
    return classes.stream().filter(c -> c.split() == split).toList();
  }

  /** The split a concept's records are in: its class's. */
  public Split splitOf(ConceptEntry concept) {
    return classes.get(concept.classId()).split();
  }

  public List<ConceptEntry> concepts(Split split) {
    return concepts.stream().filter(c -> splitOf(c) == split).toList();
  }

  /** Concept ids by key. */
  public Map<String, Integer> conceptIds() {
    Map<String, Integer> ids = new HashMap<>();
    for (ConceptEntry c : concepts) {
      ids.put(c.key(), c.id());
    }
    return ids;
  }

  public List<ShardEntry> shards(Split split) {
    return shards.stream().filter(s -> s.split() == split).toList();
  }

  /** One class: its id is its index in the manifest's class list. */
  public record ClassEntry(int id, String name, Split split, int records) {}

  /**
   * One concept: what a picture is of across its variants (an emoji with its skin tones and art
   * styles; a species). Its id is its index in the manifest's concept list.
   */
  public record ConceptEntry(int id, String key, int classId, int records) {}

  /** One TFRecord file. */
  public record ShardEntry(String file, Split split, int records, long bytes, String sha256) {}

  /** A source package or folder the dataset was built from. */
  public record SourceEntry(String name, String version, String integrity, String license) {}

  /**
   * Caption counts per record, and in all per language ({@code null} in manifests written before
   * languages were counted: their captions are all English).
   */
  public record CaptionStats(
      int min, int max, double mean, long total, Map<String, Long> perLanguage) {
    public CaptionStats {
      perLanguage =
          perLanguage == null
              ? null
              : Collections.unmodifiableSortedMap(new TreeMap<>(perLanguage));
    }

    /** Captions per language; all English for a manifest that does not count them. */
    public Map<String, Long> languages() {
      return perLanguage != null ? perLanguage : Map.of(TextImageRecord.ENGLISH, total);
    }
  }
}
