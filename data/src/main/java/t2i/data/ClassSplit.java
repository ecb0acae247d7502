package t2i.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deterministic zero-shot split of classes into trainval and test, like Reed's, that holds out
 * {@code round(fraction × classes)} classes and at most {@code fraction} of the records. Classes
 * are visited in the order of a seeded hash of their name; a class joins test if it fits in what is
 * left of the record budget ({@code fraction × records}) and is no larger than twice its fair share
 * of it ({@code 2 × budget / test classes}). Without that cap, a few huge classes (the emoji with
 * five skin tones) drawn early would use up the budget and leave a handful of test classes. The
 * result depends only on the class names and sizes, the fraction and the seed.
 */
public final class ClassSplit {
  private final Set<String> test;

  private ClassSplit(Set<String> test) {
    this.test = test;
  }

  /**
   * @param recordsPerClass every class with its record count
   */
  public static ClassSplit of(Map<String, Integer> recordsPerClass, double fraction, long seed) {
    checkArgument(
        fraction > 0 && fraction < 1, "test fraction must be in (0, 1), was %s", fraction);
    checkArgument(
        recordsPerClass.size() >= 2,
        "a split needs at least 2 classes, got %s",
        recordsPerClass.size());
    int classTarget =
        Math.max(
            1,
            Math.min(
                recordsPerClass.size() - 1, (int) Math.round(fraction * recordsPerClass.size())));
    long total = recordsPerClass.values().stream().mapToLong(Integer::longValue).sum();
    double budget = fraction * total;
    List<String> order =
        recordsPerClass.keySet().stream()
            .sorted(Comparator.comparing((String c) -> rank(c, seed)).thenComparing(c -> c))
            .toList();
    double largest = 2 * budget / classTarget;
    Set<String> test = new HashSet<>();
    long testRecords = 0;
    for (String c : order) {
      if (test.size() >= classTarget) {
        break;
      }
      int size = recordsPerClass.get(c);
      if (size <= largest && testRecords + size <= budget) {
        test.add(c);
        testRecords += size;
      }
    }
    if (test.isEmpty()) {
      throw new IllegalArgumentException(
          "no class fits in a test split of "
              + fraction
              + " of the records: use a larger"
              + " --test-fraction");
    }
    return new ClassSplit(test);
  }

  private static String rank(String className, long seed) {
    return Hashing.sha256()
        .hashString("t2i-split:" + seed + ":" + className, StandardCharsets.UTF_8)
        .toString();
  }

  public Split splitOf(String className) {
    return test.contains(className) ? Split.TEST : Split.TRAINVAL;
  }

  public Set<String> testClasses() {
    return Set.copyOf(test);
  }
}
