package t2i.training.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import t2i.data.Split;
import t2i.data.TextImageRecord;

class RPrecisionTest {
  @Test
  void countsImagesWhoseTrueCaptionScoresStrictlyHighest() {
    // texts: rows 0..2 along the axes of a 3-d space
    float[] texts = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    float[] images = {
      2, 1, 0, // true caption 0 scores 2 > 1: hit
      0, 1, 3, // true caption 1 scores 1 < 3: miss
      1, 0, 1 // true caption 2 ties with 0: miss (strictly first only)
    };
    int[][] candidates = {{0, 1, 2}, {1, 0, 2}, {2, 0, 1}};
    assertEquals(1.0 / 3, RPrecision.of(images, texts, 3, candidates), 1e-12);
    assertArrayEquals(
        new boolean[] {true, false, false}, RPrecision.hits(images, texts, 3, candidates));
  }

  @Test
  void imagesDrawnForGivenCaptionsRankThemAgainstOtherImagesCaptions() {
    List<List<String>> captions =
        List.of(
            List.of("a red apple", "an apple"),
            List.of("a dog", "an apple"),
            List.of("a cat", "a kitten"),
            List.of("a bus", "a red bus"));
    List<String> chosen = List.of("an apple", "a dog", "a kitten", "a bus");
    RPrecision.Setup s = RPrecision.Setup.forChosen(captions, chosen, new SplittableRandom(4));
    assertEquals(
        List.of("a red apple", "an apple", "a dog", "a cat", "a kitten", "a bus", "a red bus"),
        s.texts());
    for (int i = 0; i < 4; i++) {
      assertEquals(chosen.get(i), s.texts().get(s.candidates()[i][0]), "the chosen caption first");
      Set<Integer> distinct = new HashSet<>();
      for (int c = 1; c < s.candidates()[i].length; c++) {
        String text = s.texts().get(s.candidates()[i][c]);
        assertFalse(captions.get(i).contains(text), text + " is a caption of image " + i);
        assertTrue(distinct.add(s.candidates()[i][c]));
      }
    }
    // 7 distinct captions, 2 of them image 0's: its own, then the 5 others
    assertEquals(6, s.candidates()[0].length);
    RPrecision.Setup again = RPrecision.Setup.forChosen(captions, chosen, new SplittableRandom(4));
    assertTrue(Arrays.deepEquals(s.candidates(), again.candidates()), "same seed, same candidates");
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () ->
            RPrecision.Setup.forChosen(
                captions, List.of("a dog", "a dog", "a cat", "a bus"), new SplittableRandom(4)));
  }

  @Test
  void hitsAreGroupedByClassLargestFirst() {
    List<TextImageRecord> records =
        List.of(
            record("a", "mail"),
            record("b", "math"),
            record("c", "math"),
            record("d", "mail"),
            record("e", "math"));
    var byClass =
        EmbeddingEvaluator.bySubcategory(records, new boolean[] {true, true, false, false, false});
    assertEquals(List.of("math", "mail"), List.copyOf(byClass.keySet()));
    assertEquals(new EmbeddingEvaluator.ClassRetrieval(3, 1.0 / 3), byClass.get("math"));
    assertEquals(new EmbeddingEvaluator.ClassRetrieval(2, 0.5), byClass.get("mail"));
  }

  private static TextImageRecord record(String key, String className) {
    return new TextImageRecord(
        key, new byte[] {1}, 1, 1, List.of("x"), 0, className, key, "google", Split.TEST);
  }

  @Test
  void candidatesNeverIncludeAnotherCaptionOfTheSameRecord() {
    // record i owns rows {2i, 2i+1}; row 1 is also the text of record 1 (shared caption)
    List<int[]> records = List.of(new int[] {0, 1}, new int[] {1, 3}, new int[] {4, 5});
    int rows = 6;
    int[] chosen = {0, 3, 5};
    int[][] c = RPrecision.candidates(records, chosen, rows, new SplittableRandom(9));
    for (int i = 0; i < records.size(); i++) {
      assertEquals(chosen[i], c[i][0], "the true caption first");
      Set<Integer> seen = new HashSet<>();
      for (int k = 1; k < c[i].length; k++) {
        final int row = c[i][k];
        assertFalse(
            Arrays.stream(records.get(i)).anyMatch(r -> r == row),
            "record " + i + " got its own caption " + row);
        assertTrue(seen.add(row), "distinct");
      }
      assertEquals(Math.min(RPrecision.CANDIDATES, rows - records.get(i).length + 1), c[i].length);
    }
  }
}
