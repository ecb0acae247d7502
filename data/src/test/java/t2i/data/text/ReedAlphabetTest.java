package t2i.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReedAlphabetTest {
  @Test
  void alphabetHasSeventySymbolsInReedsOrder() {
    assertEquals(70, ReedAlphabet.SYMBOLS.length());
    assertEquals(1, ReedAlphabet.id('a'));
    assertEquals(26, ReedAlphabet.id('z'));
    assertEquals(27, ReedAlphabet.id('0'));
    assertEquals(36, ReedAlphabet.id('9'));
    assertEquals(70, ReedAlphabet.id(' '));
    assertEquals(69, ReedAlphabet.id('}'));
  }

  @Test
  void dashTakesItsLaterPositionAsInTheLuaTable() {
    assertEquals(60, ReedAlphabet.id('-'));
    for (int c = 0; c < 128; c++) {
      if (ReedAlphabet.id(c) == 37) {
        throw new AssertionError("id 37 is produced by " + (char) c);
      }
    }
  }

  @Test
  void encodesLowercasedAndPadsWithZero() {
    int[] ids = ReedAlphabet.encode("Red Rose!");
    assertEquals(ReedAlphabet.MAX_LENGTH, ids.length);
    int[] expected = {18, 5, 4, 70, 18, 15, 19, 5, 41};
    assertArrayEquals(expected, Arrays.copyOf(ids, 9));
    for (int i = 9; i < ids.length; i++) {
      assertEquals(0, ids[i]);
    }
    assertEquals("red rose!", ReedAlphabet.decode(ids));
  }

  @Test
  void dropsUnknownCharactersIncludingNonAsciiAndEmoji() {
    assertEquals("caf  la", ReedAlphabet.decode(ReedAlphabet.encode("Café\t🌹 à la")));
    // U+212A KELVIN SIGN lowercases to 'k' in Java but is not ASCII: dropped, as in the graph.
    assertEquals("", ReedAlphabet.decode(ReedAlphabet.encode("\u212A")));
  }

  @Test
  void emptyAndAllUnknownTextEncodeToAllPadding() {
    assertArrayEquals(new int[ReedAlphabet.MAX_LENGTH], ReedAlphabet.encode(""));
    assertArrayEquals(new int[ReedAlphabet.MAX_LENGTH], ReedAlphabet.encode("日本語🌹\n\t"));
  }

  @Test
  void longTextKeepsTheFirst201KnownCharacters() {
    String text = "ab".repeat(150) + "zzz";
    int[] ids = ReedAlphabet.encode(text);
    assertEquals(text.substring(0, 201), ReedAlphabet.decode(ids));
    // Unknown characters do not count towards the limit.
    String withUnknown = "é".repeat(300) + "x".repeat(201);
    assertEquals("x".repeat(201), ReedAlphabet.decode(ReedAlphabet.encode(withUnknown)));
  }

  @Test
  void normaliseRewritesFreeTextIntoTheAlphabetWithoutJoiningWords() {
    assertEquals(
        "a cafe's naive cake, on a table.",
        ReedAlphabet.normalise(
            "  A Caf\u00e9\u2019s\tna\u00efve \ud83c\udf70 cake,\non a TABLE. "));
    assertEquals("two dogs", ReedAlphabet.normalise("two\u00a0\u65e5\u672cdogs"));
    assertEquals("", ReedAlphabet.normalise("\u65e5\u672c\u8a9e \ud83c\udf39"));
    String text = ReedAlphabet.normalise("Hello, world!");
    assertArrayEquals(ReedAlphabet.encode("Hello, world!"), ReedAlphabet.encode(text));
  }

  @Test
  void normaliseCutsLongTextAtTheLastSpaceWithinTheLimit() {
    String words = "word ".repeat(50); // 250 characters
    String cut = ReedAlphabet.normalise(words);
    assertEquals("word ".repeat(40).strip(), cut); // 199 characters: the 41st word would end at 204
    assertEquals(cut, ReedAlphabet.decode(ReedAlphabet.encode(cut)));
    assertEquals("x".repeat(201), ReedAlphabet.normalise("x".repeat(300)));
  }

  @Test
  void encodeIntoOverwritesOldContentAndReportsLength() {
    int[] out = new int[2 * ReedAlphabet.MAX_LENGTH];
    Arrays.fill(out, 9);
    assertEquals(3, ReedAlphabet.encodeInto("abc", out, ReedAlphabet.MAX_LENGTH));
    assertEquals(9, out[0]);
    assertEquals(1, out[ReedAlphabet.MAX_LENGTH]);
    assertEquals(0, out[ReedAlphabet.MAX_LENGTH + 3]);
    assertEquals(0, out[out.length - 1]);
  }

  @Test
  void decodeRejectsIdsOutsideTheAlphabet() {
    assertThrows(IllegalArgumentException.class, () -> ReedAlphabet.decode(new int[] {71}));
  }
}
