package t2i.data.scenes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import t2i.data.emoji.EmojiFixture;

/** Scene emoji made from the emoji fixture's art, for tests that need no tarballs. */
final class SceneFixture {
  /** Fixture emoji in scene classes: key, image, caption name, class name. */
  private static final List<List<String>> EMOJI =
      List.of(
          List.of("1F339", "1f339.png", "rose", "flower"),
          List.of("1F40D", "1f40d.png", "snake", "reptile"),
          List.of("1F422", "1f422.png", "turtle", "reptile"),
          List.of("1F600", "1f600.png", "grinning face", "face"),
          List.of("1F680", "1f680.png", "rocket", "aircraft"));

  private SceneFixture() {}

  static List<SceneEmoji> emoji() throws IOException {
    Path dir = EmojiFixture.fixtureDir();
    List<SceneEmoji> out = new ArrayList<>();
    for (List<String> e : EMOJI) {
      Sprite google = read(dir.resolve("img/google/64/" + e.get(1)));
      Sprite twitter = read(dir.resolve("img/twitter/64/" + e.get(1)));
      out.add(
          new SceneEmoji(
              e.get(0), e.get(2), classId(e.get(3)), Map.of("google", google, "twitter", twitter)));
    }
    return out;
  }

  static int classId(String name) {
    for (int i = 0; i < SceneClass.DEFAULT.size(); i++) {
      if (SceneClass.DEFAULT.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static Sprite read(Path png) throws IOException {
    try (var in = Files.newInputStream(png)) {
      return Sprite.of(ImageIO.read(in));
    }
  }
}
