package t2i.training.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WordDropoutTest {
  @Test
  void dropsAboutTheAskedShareOfWordsAndKeepsTheirOrder() {
    String caption = "a b c d e f g h i j";
    SplittableRandom random = new SplittableRandom(4);
    int kept = 0;
    for (int i = 0; i < 1000; i++) {
      String out = WordDropout.apply(caption, 0.3, random);
      List<String> words = List.of(out.split(" "));
      kept += words.size();
      for (int k = 1; k < words.size(); k++) {
        assertTrue(words.get(k - 1).compareTo(words.get(k)) < 0, "order kept: " + out);
      }
    }
    assertEquals(0.7, kept / 10_000.0, 0.02);
  }

  @Test
  void neverLeavesACaptionEmpty() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 200; i++) {
      String out = WordDropout.apply("red heart", 0.99, random);
      assertFalse(out.isBlank());
      assertTrue(out.equals("red") || out.equals("heart"), out);
    }
  }

  @Test
  void sameRandomSameCaptions() {
    String[] in = {"grinning face with big eyes", "red apple"};
    String[] a = WordDropout.apply(in, 0.5, new SplittableRandom(9));
    String[] b = WordDropout.apply(in, 0.5, new SplittableRandom(9));
    assertEquals(List.of(a), List.of(b));
  }
}
