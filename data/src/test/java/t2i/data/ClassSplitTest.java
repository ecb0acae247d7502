package t2i.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassSplitTest {
  static Map<String, Integer> classes(int n) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      sizes.put("class-" + i, 10 + (i % 7));
    }
    return sizes;
  }

  @Test
  void sameInputsGiveTheSameSplitWhateverTheMapOrder() {
    Map<String, Integer> a = classes(50);
    Map<String, Integer> reversed = new LinkedHashMap<>();
    a.keySet().stream()
        .sorted(java.util.Comparator.reverseOrder())
        .forEach(k -> reversed.put(k, a.get(k)));
    assertEquals(
        ClassSplit.of(a, 0.2, 0).testClasses(), ClassSplit.of(reversed, 0.2, 0).testClasses());
    assertNotEquals(ClassSplit.of(a, 0.2, 0).testClasses(), ClassSplit.of(a, 0.2, 1).testClasses());
  }

  @Test
  void splitIsDisjointCoversEveryClassAndHoldsOutAboutTheFraction() {
    Map<String, Integer> sizes = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      sizes.put("class-" + i, 10);
    }
    ClassSplit split = ClassSplit.of(sizes, 0.2, 0);
    int test = 0;
    int trainval = 0;
    for (String c : sizes.keySet()) {
      Split s = split.splitOf(c);
      if (s == Split.TEST) {
        test++;
        assertTrue(split.testClasses().contains(c));
      } else {
        trainval++;
      }
    }
    assertEquals(100, test + trainval);
    assertEquals(20, test);
  }

  @Test
  void largeClassesCannotPushTestPastItsRecordBudget() {
    Map<String, Integer> sizes = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      sizes.put("small-" + i, 10);
    }
    for (int i = 0; i < 10; i++) {
      sizes.put("huge-" + i, 500);
    }
    ClassSplit split = ClassSplit.of(sizes, 0.2, 0);
    long total = sizes.values().stream().mapToInt(Integer::intValue).sum();
    long testRecords =
        sizes.entrySet().stream()
            .filter(e -> split.splitOf(e.getKey()) == Split.TEST)
            .mapToInt(Map.Entry::getValue)
            .sum();
    assertTrue(testRecords <= 0.2 * total, testRecords + " of " + total);
    assertEquals(10, split.testClasses().size());
  }
}
