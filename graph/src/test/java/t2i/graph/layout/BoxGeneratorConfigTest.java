package t2i.graph.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BoxGeneratorConfigTest {
  @Test
  void defaultsAreThePapersAndOurs() {
    BoxGeneratorConfig c = BoxGeneratorConfig.defaults(1024, 20, 5);
    assertEquals(20, c.components());
    assertEquals(256, c.hidden());
    assertEquals(4f, c.labelWeight());
    assertEquals(1f, c.boxWeight());
    assertEquals(5f, c.gradientClip());
    assertEquals(20, c.endClass());
    assertEquals(21, c.labelLogits());
    assertEquals(8, c.withMaxObjects(8).maxObjects());
    assertEquals(0.5f, c.withInitLimit(0.5f).initLimit());
    assertEquals(c.gradientClip(), c.withInitLimit(0.5f).gradientClip());
  }

  @Test
  void rejectsImpossibleSettings() {
    BoxGeneratorConfig c = BoxGeneratorConfig.defaults(16, 3, 4);
    assertThrows(IllegalArgumentException.class, () -> c.withMaxObjects(0));
    assertThrows(IllegalArgumentException.class, () -> c.withInitLimit(0f));
    assertThrows(IllegalArgumentException.class, () -> BoxGeneratorConfig.defaults(16, 0, 4));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BoxGeneratorConfig(16, 3, 20, 256, 128, 4, 4f, 1f, 0f, 5f, 0.08f, 1f));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BoxGeneratorConfig(16, 3, 20, 256, 128, 4, 0f, 0f, 1e-3f, 5f, 0.08f, 1f));
  }
}
