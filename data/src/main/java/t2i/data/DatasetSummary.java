package t2i.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import t2i.data.DatasetManifest.CaptionStats;
import t2i.data.DatasetManifest.ClassEntry;

/** The statistics {@code t2i data info} prints, computed from the manifest alone. */
public record DatasetSummary(
    String name,
    String description,
    String folder,
    int imageWidth,
    int imageHeight,
    int records,
    Map<String, Integer> recordsPerSplit,
    int classes,
    int trainvalClasses,
    int testClasses,
    int concepts,
    int trainvalConcepts,
    int testConcepts,
    int recordsPerClassMin,
    int recordsPerClassMedian,
    int recordsPerClassMax,
    Map<String, Integer> recordsPerStyle,
    CaptionStats captionsPerRecord,
    int shards,
    long shardBytes,
    List<String> testClassNames) {

  public static DatasetSummary of(Dataset dataset) {
    DatasetManifest m = dataset.manifest();
    int[] perClass = m.classes().stream().mapToInt(ClassEntry::records).sorted().toArray();
    return new DatasetSummary(
        m.name(),
        m.description(),
        dataset.dir().toString(),
        m.imageWidth(),
        m.imageHeight(),
        m.records(),
        m.recordsPerSplit(),
        m.classes().size(),
        m.classes(Split.TRAINVAL).size(),
        m.classes(Split.TEST).size(),
        m.concepts().size(),
        m.concepts(Split.TRAINVAL).size(),
        m.concepts(Split.TEST).size(),
        perClass.length == 0 ? 0 : perClass[0],
        perClass.length == 0 ? 0 : perClass[perClass.length / 2],
        perClass.length == 0 ? 0 : Arrays.stream(perClass).max().getAsInt(),
        m.recordsPerStyle(),
        m.captions(),
        m.shards().size(),
        m.shards().stream().mapToLong(DatasetManifest.ShardEntry::bytes).sum(),
        m.classes(Split.TEST).stream().map(ClassEntry::name).toList());
  }

  /** A table for people. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    row(sb, "dataset", name + ": " + description);
    row(sb, "folder", folder);
    row(sb, "images", imageWidth + "x" + imageHeight + " RGB PNG");
    row(
        sb,
        "records",
        String.format(
            Locale.ROOT,
            "%,d (trainval %,d, %stest %,d)",
            records,
            recordsPerSplit.getOrDefault("trainval", 0),
            recordsPerSplit.containsKey("validation")
                ? String.format(Locale.ROOT, "validation %,d, ", recordsPerSplit.get("validation"))
                : "",
            recordsPerSplit.getOrDefault("test", 0)));
    row(
        sb,
        "classes",
        testClasses == 0
            ? Integer.toString(classes)
            : String.format(
                Locale.ROOT, "%d (trainval %d, test %d)", classes, trainvalClasses, testClasses));
    row(
        sb,
        "concepts",
        testClasses == 0
            ? String.format(Locale.ROOT, "%,d", concepts)
            : String.format(
                Locale.ROOT,
                "%,d (trainval %,d, test %,d)",
                concepts,
                trainvalConcepts,
                testConcepts));
    row(
        sb,
        "per class",
        String.format(
            Locale.ROOT,
            "records min %d, median %d, max %d",
            recordsPerClassMin,
            recordsPerClassMedian,
            recordsPerClassMax));
    row(
        sb,
        "styles",
        recordsPerStyle.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
            .collect(Collectors.joining(", ")));
    row(
        sb,
        "captions",
        String.format(
            Locale.ROOT,
            "per record min %d, mean %.2f, max %d; %,d in all",
            captionsPerRecord.min(),
            captionsPerRecord.mean(),
            captionsPerRecord.max(),
            captionsPerRecord.total()));
    Map<String, Long> languages = captionsPerRecord.languages();
    if (languages.size() > 1) {
      row(
          sb,
          "languages",
          languages.size()
              + ": "
              + languages.entrySet().stream()
                  .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                  .collect(Collectors.joining(", ")));
    }
    row(
        sb,
        "shards",
        String.format(Locale.ROOT, "%d TFRecord files, %.1f MB", shards, shardBytes / 1e6));
    if (!testClassNames.isEmpty()) {
      row(sb, "test classes", String.join(", ", testClassNames));
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, String label, String value) {
    sb.append(String.format(Locale.ROOT, "%-13s %s%n", label, value));
  }
}
