package t2i.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassSplitTest {
  /** Records per class of the real emoji dataset (flags excluded), largest first. */
  static final int[] EMOJI_CLASS_SIZES = {
    984, 674, 654, 466, 360, 336, 314, 132, 132, 124, 108, 100, 96, 94, 94, 84, 78, 72, 68, 68, 62,
    60, 54, 54, 54, 52, 50, 50, 50, 48, 46, 44, 44, 42, 42, 40, 40, 38, 36, 34, 34, 34, 34, 34, 32,
    32, 32, 28, 28, 28, 28, 26, 26, 26, 26, 26, 26, 26, 24, 24, 24, 22, 20, 18, 18, 18, 18, 18, 18,
    18, 16, 16, 16, 14, 14, 14, 14, 14, 14, 14, 14, 12, 12, 12, 12, 12, 12, 12, 10, 6, 6, 6, 6, 4,
    4, 2
  };

  static Map<String, Integer> emojiLike() {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (int i = 0; i < EMOJI_CLASS_SIZES.length; i++) {
      sizes.put("class-" + i, EMOJI_CLASS_SIZES[i]);
    }
    return sizes;
  }

  @Test
  void sameInputsGiveTheSameSplitWhateverTheMapOrder() {
    Map<String, Integer> a = emojiLike();
    Map<String, Integer> reversed = new LinkedHashMap<>();
    a.keySet().stream().sorted(Comparator.reverseOrder()).forEach(k -> reversed.put(k, a.get(k)));
    assertEquals(
        ClassSplit.of(a, 0.2, 0).testClasses(), ClassSplit.of(reversed, 0.2, 0).testClasses());
    assertNotEquals(ClassSplit.of(a, 0.2, 0).testClasses(), ClassSplit.of(a, 0.2, 1).testClasses());
  }

  @Test
  void everySeedHoldsOutTheClassCountWithinTheRecordBudget() {
    Map<String, Integer> sizes = emojiLike();
    long total = sizes.values().stream().mapToInt(Integer::intValue).sum();
    for (double fraction : new double[] {0.1, 0.2, 0.3}) {
      int target = (int) Math.round(fraction * sizes.size());
      Set<Set<String>> distinct = new HashSet<>();
      for (long seed = 0; seed < 300; seed++) {
        ClassSplit split = ClassSplit.of(sizes, fraction, seed);
        Set<String> test = split.testClasses();
        assertEquals(target, test.size(), "fraction " + fraction + " seed " + seed);
        long testRecords = test.stream().mapToLong(sizes::get).sum();
        assertTrue(testRecords <= fraction * total, "seed " + seed + ": " + testRecords);
        assertTrue(sizes.keySet().containsAll(test));
        long trainval =
            sizes.keySet().stream().filter(c -> split.splitOf(c) == Split.TRAINVAL).count();
        assertEquals(sizes.size() - target, trainval, "every class is in exactly one split");
        distinct.add(test);
      }
      assertTrue(distinct.size() > 250, "seeds should give different splits: " + distinct.size());
    }
  }

  @Test
  void noClassFittingTheBudgetIsAnError() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ClassSplit.of(Map.of("a", 100, "b", 100, "c", 100), 0.2, 0));
  }
}
