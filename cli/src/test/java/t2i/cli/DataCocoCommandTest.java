package t2i.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.coco.CocoFixture;

/** {@code t2i data coco} on the COCO fixture, then {@code data info} and {@code data preview}. */
class DataCocoCommandTest {
  @TempDir Path dir;

  @Test
  void convertsTheFixtureWhichInfoAndPreviewRead() throws IOException {
    Path coco = new CocoFixture().write(dir.resolve("coco"));
    Path out = dir.resolve("datasets/coco");
    CliRun build = CliRun.of("data", "coco", "--coco", coco.toString(), "--out", out.toString());
    assertEquals(0, build.exit(), build.err());
    assertTrue(build.err().contains("convert train2014 images: 3"), build.err());
    assertTrue(build.out().contains("(trainval 2, validation 1, test 1)"), build.out());
    assertTrue(build.out().contains("objects/scene 1: 50.0%, 2: 25.0%, 8: 25.0%"), build.out());

    CliRun info = CliRun.of("data", "info", out.toString(), "--verify", "--json");
    assertEquals(0, info.exit(), info.err());
    JsonObject json =
        JsonParser.parseString(info.out().substring(0, info.out().lastIndexOf('}') + 1))
            .getAsJsonObject();
    assertEquals("coco-scenes", json.get("name").getAsString());
    JsonObject perClass = json.getAsJsonObject("scenes").getAsJsonObject("objectsPerClass");
    assertEquals(6, perClass.get("person").getAsInt());
    assertEquals(4, perClass.get("dog").getAsInt());

    Path png = dir.resolve("preview/coco.png");
    CliRun preview =
        CliRun.of("data", "preview", out.toString(), "--n", "2", "--out", png.toString());
    assertEquals(0, preview.exit(), preview.err());
    assertTrue(ImageIO.read(png.toFile()).getHeight() > 2 * 256, "two rows of 256-pixel scenes");

    CliTest.assertOneLineError(
        CliRun.of("data", "coco", "--coco", coco.toString(), "--out", out.toString()), "--force");
  }

  @Test
  void missingAnnotationFileIsOneLineAndLeavesNoFolder() throws IOException {
    Path coco = new CocoFixture().write(dir.resolve("coco"));
    Files.delete(coco.resolve("annotations/captions_val2014.json"));
    Path out = dir.resolve("ds");
    CliRun r = CliRun.of("data", "coco", "--coco", coco.toString(), "--out", out.toString());
    CliTest.assertOneLineError(r, "captions_val2014.json (unpack annotations_trainval2014.zip");
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of("coco"), left.map(p -> p.getFileName().toString()).toList());
    }
  }
}
