package t2i.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoTest {
  @Test
  void eachDemoFolderNamesItsOwnCaptionEmbeddings() {
    Path out = Path.of("runs", "demo");
    String name = Demo.embeddingsName(out);
    assertTrue(name.matches("demo-[0-9a-f]{8}"), name);
    assertEquals(name, Demo.embeddingsName(out.resolve("..").resolve("demo")));
    assertEquals(name, Demo.embeddingsName(out.toAbsolutePath()));
    assertNotEquals(name, Demo.embeddingsName(Path.of("runs", "demo-2")));
  }
}
