package t2i.data.scenes;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import t2i.data.Split;

/**
 * What {@code t2i data info} adds for a scenes dataset: objects per class, objects per scene,
 * backgrounds, and the relations that hold between objects and that captions state.
 */
public record SceneStatistics(
    Map<String, Integer> scenesPerSplit,
    Map<String, Integer> objectsPerClass,
    Map<Integer, Integer> scenesPerObjectCount,
    Map<String, Integer> scenesPerBackground,
    int scenesRepeatingAnEmoji,
    Map<String, Integer> relationsHolding,
    Map<String, Integer> relationsStated,
    Map<String, Integer> captionsPerTemplate) {

  public static SceneStatistics of(SceneDataset dataset) {
    Map<String, Integer> perSplit = new TreeMap<>();
    Map<String, Integer> perClass = new TreeMap<>();
    Map<Integer, Integer> perCount = new TreeMap<>();
    Map<String, Integer> perBackground = new TreeMap<>();
    Map<String, Integer> holding = new TreeMap<>();
    Map<String, Integer> stated = new TreeMap<>();
    Map<String, Integer> templates = new TreeMap<>();
    int[] repeating = {0};
    for (Split split : Split.values()) {
      dataset.forEach(
          split,
          r -> {
            perSplit.merge(split.fileName(), 1, Integer::sum);
            r.objects().forEach(o -> perClass.merge(o.className(), 1, Integer::sum));
            perCount.merge(r.objects().size(), 1, Integer::sum);
            perBackground.merge(r.background(), 1, Integer::sum);
            if (r.objects().stream().map(SceneRecord.Item::emojiKey).distinct().count()
                < r.objects().size()) {
              repeating[0]++;
            }
            List<Box> boxes = r.boxes();
            for (int i = 0; i < boxes.size(); i++) {
              for (int j = 0; j < boxes.size(); j++) {
                for (Relation rel : Relation.values()) {
                  if (i != j && rel.isCanonical() && rel.holds(boxes.get(i), boxes.get(j))) {
                    holding.merge(rel.label(), 1, Integer::sum);
                  }
                }
              }
            }
            for (CaptionFacts f : r.facts()) {
              templates.merge(f.template(), 1, Integer::sum);
              f.relations().forEach(x -> stated.merge(x.relation(), 1, Integer::sum));
            }
          });
    }
    return new SceneStatistics(
        perSplit, perClass, perCount, perBackground, repeating[0], holding, stated, templates);
  }

  public String format() {
    int scenes = scenesPerSplit.values().stream().mapToInt(Integer::intValue).sum();
    int objects = objectsPerClass.values().stream().mapToInt(Integer::intValue).sum();
    StringBuilder sb = new StringBuilder();
    row(sb, "scenes", String.format(Locale.ROOT, "%,d with %,d objects", scenes, objects));
    row(
        sb,
        "objects/scene",
        perCent(scenesPerObjectCount, scenes)
            + String.format(
                Locale.ROOT,
                "; %.1f%% repeat an emoji",
                100.0 * scenesRepeatingAnEmoji / Math.max(1, scenes)));
    row(sb, "per class", counts(objectsPerClass));
    row(sb, "backgrounds", counts(scenesPerBackground));
    row(sb, "relations", "holding (each pair once) " + counts(relationsHolding));
    row(sb, "", "stated in captions " + counts(relationsStated));
    row(sb, "templates", counts(captionsPerTemplate));
    return sb.toString();
  }

  private static String counts(Map<?, Integer> m) {
    return m.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String perCent(Map<Integer, Integer> m, int total) {
    return m.entrySet().stream()
        .map(
            e -> String.format(Locale.ROOT, "%d: %.1f%%", e.getKey(), 100.0 * e.getValue() / total))
        .collect(Collectors.joining(", "));
  }

  private static void row(StringBuilder sb, String label, String value) {
    sb.append(String.format(Locale.ROOT, "%-13s %s%n", label, value));
  }
}
