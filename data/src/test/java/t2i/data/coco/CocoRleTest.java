package t2i.data.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CocoRleTest {
  /**
   * Encoded by hand. 37 = 0b1_00101: groups 5 (with 0x20, more follows) then 1 → 'U' '1'. 3 → '3'.
   * 40 = 0b1_01000 → 'X' '1'. Fourth run: 1 - 3 = -2, low five bits 11110, rest all ones and the
   * sign bit 0x10 set → one group 30 → 'N'. Fifth: 19 - 40 = -21, low five bits 01011 (sign bit
   * clear, so one more group) → 11 | 0x20 = 43 → '['; then 11111 → 31 → 'O'.
   */
  static final String HAND_ENCODED = "U13X1N[O";

  static final int[] HAND_RUNS = {37, 3, 40, 1, 19};

  @Test
  void decodesAHandEncodedString() {
    assertArrayEquals(HAND_RUNS, CocoRle.decodeString(HAND_ENCODED));
  }

  @Test
  void encodesToTheHandEncodedString() {
    assertEquals(HAND_ENCODED, CocoRle.encodeString(HAND_RUNS));
  }

  @Test
  void encodingRoundTripsLargeAndAlternatingRuns() {
    Random random = new Random(16);
    for (int trial = 0; trial < 200; trial++) {
      int[] runs = new int[1 + random.nextInt(30)];
      for (int i = 0; i < runs.length; i++) {
        runs[i] = random.nextInt(trial % 2 == 0 ? 50 : 1_000_000);
      }
      assertArrayEquals(runs, CocoRle.decodeString(CocoRle.encodeString(runs)));
    }
  }

  @Test
  void runsGoDownTheColumnsStartingWithBackground() {
    // 10x10: 37 background = columns 0-2 and rows 0-6 of column 3; 3 object = column 3 rows 7-9;
    // 40 background = columns 4-7; 1 object = column 8 row 0.
    CocoMask mask = CocoRle.toMask(HAND_RUNS, 10, 10);
    assertEquals(4, mask.area());
    assertTrue(mask.get(7, 3));
    assertTrue(mask.get(8, 3));
    assertTrue(mask.get(9, 3));
    assertTrue(mask.get(0, 8));
    assertFalse(mask.get(6, 3));
    assertFalse(mask.get(1, 8));
    assertFalse(mask.get(3, 7));
  }

  @Test
  void aZeroFirstRunMeansTheMaskStartsWithObject() {
    // 2 rows x 3 columns: object, object | background, object | background, background.
    CocoMask mask = CocoRle.toMask(new int[] {0, 2, 1, 1, 2}, 2, 3);
    assertEquals("#..\n##.\n", mask.toString());
    assertTrue(mask.get(0, 0));
    assertTrue(mask.get(1, 0));
    assertFalse(mask.get(0, 1));
    assertTrue(mask.get(1, 1));
    assertFalse(mask.get(0, 2));
    assertFalse(mask.get(1, 2));
  }

  @Test
  void rejectsRunsThatDoNotCoverTheMask() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CocoRle.toMask(new int[] {3, 2}, 2, 3));
    assertTrue(e.getMessage().contains("5 pixels, not 2x3"), e.getMessage());
  }

  @Test
  void rejectsCharactersOutsideTheCodeAndTruncatedNumbers() {
    assertThrows(IllegalArgumentException.class, () -> CocoRle.decodeString("12 3"));
    assertThrows(IllegalArgumentException.class, () -> CocoRle.decodeString("1U"));
  }
}
