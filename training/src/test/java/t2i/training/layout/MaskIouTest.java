package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Mask IoU on hand-set 2x2 masks: two scenes of two slots, label 9 empty. */
class MaskIouTest {
  private static final int EMPTY = 9;

  /**
   * Scene 0: one object in the left column (box x 0, w ½), its true mask the top-left pixel. Scene
   * 1: one object over the whole canvas, its true mask the whole canvas.
   */
  private static SceneTensors truth() {
    int[] labels = {1, EMPTY, 2, EMPTY};
    float[] boxes = {0, 0, 0.5f, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0};
    float[] masks = {
      1, 0, 0, 0, /* empty slot */ 0, 0, 0, 0, //
      1, 1, 1, 1, /* empty slot */ 0, 0, 0, 0
    };
    return new SceneTensors(2, 2, 2, new float[0], labels, boxes, masks);
  }

  @Test
  void theTrueBoxesGiveInstanceAndGlobalIouAndTheFilledBoxBaseline() {
    float[] drawn = {
      1, 1, 0, 0, /* empty */ 0, 0, 0, 0, // scene 0: top row: IoU 1/2
      1, 1, 1, 0, /* empty */ 0, 0, 0, 0 // scene 1: three of four: IoU 3/4
    };
    MaskIou m = MaskIou.of(truth(), drawn, new int[] {1, 1}, EMPTY, true);
    assertEquals((0.5 + 0.75) / 2, m.instance(), 1e-12);
    assertEquals((0.5 + 0.75) / 2, m.global(), 1e-12);
    // the filled boxes: the left column (IoU 1/2) and the whole canvas (IoU 1)
    assertEquals(0.75, m.filledBoxInstance(), 1e-12);
    assertEquals(0.75, m.filledBoxGlobal(), 1e-12);
  }

  @Test
  void predictedLayoutsHaveNoInstanceIouAndTheirUnionCountsEveryDrawnObject() {
    float[] drawn = {
      0, 0, 0, 1, /* a second object */ 1, 0, 0, 0, // union: two corners vs one: IoU 1/2
      0, 0, 0, 0, /* nothing drawn */ 0, 0, 0, 0 // IoU 0
    };
    MaskIou m = MaskIou.of(truth(), drawn, new int[] {2, 0}, EMPTY, false);
    assertNull(m.instance());
    assertEquals(0.25, m.global(), 1e-12);
  }

  @Test
  void masksOfAnotherShapeAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> MaskIou.of(truth(), new float[4], new int[] {1, 1}, EMPTY, true));
  }
}
