package t2i.data.scenes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SceneComposerTest {
  @Test
  void visibleMasksLieInTheirBoxesDoNotOverlapAndKeepSeventyPerCent() throws IOException {
    List<SceneEmoji> emoji = SceneFixture.emoji();
    for (int size : new int[] {64, 128}) {
      SceneComposer composer = new SceneComposer(SceneClass.DEFAULT, size);
      Random random = new Random(size);
      int composed = 0;
      for (int scene = 0; scene < 40; scene++) {
        List<SceneEmoji> chosen =
            List.of(
                emoji.get(random.nextInt(emoji.size())),
                emoji.get(random.nextInt(emoji.size())),
                emoji.get(random.nextInt(emoji.size())),
                emoji.get(random.nextInt(emoji.size())));
        Optional<SceneComposer.Composed> c =
            composer.compose(chosen, "google", Background.random(random), random);
        if (c.isEmpty()) {
          continue;
        }
        composed++;
        assertEquals(size, c.get().image().getWidth());
        List<SceneObject> objects = c.get().objects();
        assertEquals(4, objects.size());
        int[] owner = new int[size * size];
        for (int i = 0; i < objects.size(); i++) {
          SceneObject o = objects.get(i);
          assertTrue(
              o.visiblePixels() >= SceneComposer.MIN_VISIBLE * o.wholePixels(),
              "object keeps " + o.visiblePixels() + " of " + o.wholePixels());
          int x0 = (int) Math.round(o.box().x() * size);
          int y0 = (int) Math.round(o.box().y() * size);
          int x1 = (int) Math.round((o.box().x() + o.box().w()) * size);
          int y1 = (int) Math.round((o.box().y() + o.box().h()) * size);
          for (int p = 0; p < size * size; p++) {
            if (o.mask()[p]) {
              int x = p % size;
              int y = p / size;
              assertTrue(x >= x0 && x < x1 && y >= y0 && y < y1, "mask pixel outside its box");
              assertEquals(0, owner[p], "two visible masks share a pixel");
              owner[p] = i + 1;
            }
          }
          if (i > 0) {
            assertTrue(objects.get(i - 1).box().x() <= o.box().x(), "objects are left to right");
          }
        }
      }
      assertTrue(composed >= 20, "only " + composed + " of 40 four-object scenes composed");
    }
  }

  @Test
  void sameSeedSamePixels() throws IOException {
    List<SceneEmoji> emoji = SceneFixture.emoji();
    SceneComposer composer = new SceneComposer(SceneClass.DEFAULT, 64);
    Background b = new Background(Background.Kind.MEADOW, null);
    var first = composer.compose(emoji.subList(0, 3), "twitter", b, new Random(7)).orElseThrow();
    var second = composer.compose(emoji.subList(0, 3), "twitter", b, new Random(7)).orElseThrow();
    assertArrayEquals(
        first.image().getRGB(0, 0, 64, 64, null, 0, 64),
        second.image().getRGB(0, 0, 64, 64, null, 0, 64));
  }

  @Test
  void artThatFillsItsTileIsTold() throws IOException {
    for (SceneEmoji e : SceneFixture.emoji()) {
      assertTrue(e.art().get("google").cornerFill() < SceneEmojiSelection.FULL_TILE, e.key());
    }
  }
}
