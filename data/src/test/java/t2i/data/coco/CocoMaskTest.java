package t2i.data.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CocoMaskTest {
  private static CocoMask parse(String... rows) {
    boolean[] values = new boolean[rows.length * rows[0].length()];
    for (int y = 0; y < rows.length; y++) {
      for (int x = 0; x < rows[y].length(); x++) {
        values[y * rows[0].length() + x] = rows[y].charAt(x) == '#';
      }
    }
    return CocoMask.fromBooleans(values, rows.length, rows[0].length());
  }

  @Test
  void shrinkingTakesTheMajorityOfEachBlock() {
    CocoMask mask = parse("##..", "#...", "..#.", "....");
    // Blocks: top left 3 of 4 set, top right none, bottom left none, bottom right 1 of 4 (a tie
    // would need 2).
    assertEquals("#.\n..\n", mask.resize(2, 2).toString());
    assertEquals("#.\n.#\n", parse("##..", "#...", "..##", "....").resize(2, 2).toString());
  }

  @Test
  void enlargingRepeatsPixels() {
    assertEquals("##..\n##..\n....\n....\n", parse("#.", "..").resize(4, 4).toString());
  }

  @Test
  void booleansRoundTripRowMajor() {
    CocoMask mask = parse("#..", ".#.");
    assertEquals(mask, CocoMask.fromBooleans(mask.toBooleans(), 2, 3));
    assertEquals(true, mask.toBooleans()[4]);
  }
}
