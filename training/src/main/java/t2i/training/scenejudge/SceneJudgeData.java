package t2i.training.scenejudge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import t2i.data.DatasetManifest;
import t2i.data.Split;
import t2i.data.image.Images;
import t2i.data.scenes.Box;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.error.UserException;

/**
 * Scenes decoded for the scene judge: each one's RGB bytes, style, background and boxes, and every
 * object with its class and emoji as the judge's heads number them.
 */
final class SceneJudgeData {
  /** One object: its scene (index into the scenes), box and labels (emoji −1: not in the head). */
  record Item(int scene, Box box, int classId, int emoji) {}

  /** One scene: its image, style, background (−1: not in the head) and boxes. */
  record Scene(byte[] rgb, String style, int background, List<Box> boxes) {}

  private final int side;
  private final Map<String, Integer> emojiIndex;
  private final Map<String, Integer> backgroundIndex;
  private final List<Scene> scenes = new ArrayList<>();
  private final List<Item> items = new ArrayList<>();

  private SceneJudgeData(
      int side, Map<String, Integer> emojiIndex, Map<String, Integer> backgroundIndex) {
    this.side = side;
    this.emojiIndex = emojiIndex;
    this.backgroundIndex = backgroundIndex;
  }

  private SceneJudgeData(SceneJudgeConfig c) {
    this(c.imageSide(), indexOf(c.emojiKeys()), indexOf(c.backgrounds()));
  }

  private static Map<String, Integer> indexOf(List<String> labels) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      index.put(labels.get(i), i);
    }
    return index;
  }

  /** The scenes the judge trains on: trainval, and the test scenes after the reserved ones. */
  static void forEachTraining(Path dataset, int reservedTestScenes, Consumer<SceneRecord> action) {
    SceneDataset d = SceneDataset.open(dataset);
    d.forEach(Split.TRAINVAL, action);
    int[] index = {0};
    d.forEach(
        Split.TEST,
        r -> {
          if (index[0]++ >= reservedTestScenes) {
            action.accept(r);
          }
        });
  }

  /** The training scenes of {@code c} (of one style when {@code style} is not null). */
  static SceneJudgeData training(SceneJudgeConfig c, String style) {
    SceneJudgeData d = new SceneJudgeData(c);
    forEachTraining(
        Path.of(c.dataset()),
        c.reservedTestScenes(),
        r -> {
          if (style == null || r.style().equals(style)) {
            d.add(r);
          }
        });
    if (d.items.isEmpty()) {
      throw new UserException(
          c.dataset()
              + " has no scenes to train the judge on"
              + (style == null ? "" : " in style " + style));
    }
    return d;
  }

  /** The given scenes, labelled as {@code c}'s heads number them. */
  static SceneJudgeData of(List<SceneRecord> records, SceneJudgeConfig c) {
    SceneJudgeData d = new SceneJudgeData(c);
    records.forEach(r -> d.add(r));
    return d;
  }

  private void add(SceneRecord r) {
    if (r.size() != side) {
      throw new UserException(
          String.format(
              "scene %s is %d px; the judge's dataset is %d px", r.key(), r.size(), side));
    }
    int scene = scenes.size();
    List<Box> boxes = new ArrayList<>();
    for (SceneRecord.Item o : r.objects()) {
      boxes.add(o.box());
      items.add(new Item(scene, o.box(), o.classId(), emojiIndex.getOrDefault(o.emojiKey(), -1)));
    }
    scenes.add(
        new Scene(
            Images.rgbBytes(Images.decodeOnWhite(r.png(), r.key())),
            r.style(),
            backgroundIndex.getOrDefault(r.background(), -1),
            List.copyOf(boxes)));
  }

  int side() {
    return side;
  }

  List<Scene> scenes() {
    return scenes;
  }

  List<Item> items() {
    return items;
  }

  /** The objects of the scenes of {@code style}, or of the other styles when {@code other}. */
  SceneJudgeData ofStyle(String style, boolean other) {
    SceneJudgeData d = new SceneJudgeData(side, emojiIndex, backgroundIndex);
    int[] newIndex = new int[scenes.size()];
    for (int s = 0; s < scenes.size(); s++) {
      newIndex[s] = -1;
      if (scenes.get(s).style().equals(style) != other) {
        newIndex[s] = d.scenes.size();
        d.scenes.add(scenes.get(s));
      }
    }
    for (Item i : items) {
      if (newIndex[i.scene()] >= 0) {
        d.items.add(new Item(newIndex[i.scene()], i.box(), i.classId(), i.emoji()));
      }
    }
    return d;
  }

  /** Scene {@code s}'s image in [−1, 1]. */
  float[] pixels(int s) {
    return Crops.pixels(scenes.get(s).rgb());
  }

  /** What a judge's heads can name in a scenes dataset, read from its manifest and scenes. */
  record Vocabulary(
      Path dataset, List<String> classNames, int imageSide, int testScenes, List<String> styles) {
    static Vocabulary of(Path dataset) {
      DatasetManifest m = SceneDataset.open(dataset).dataset().manifest();
      if (m.imageWidth() != m.imageHeight()) {
        throw new UserException(dataset + " has images that are not square");
      }
      List<String> names =
          m.classes().stream()
              .sorted(Comparator.comparingInt(DatasetManifest.ClassEntry::id))
              .map(DatasetManifest.ClassEntry::name)
              .toList();
      return new Vocabulary(
          dataset,
          names,
          m.imageWidth(),
          m.records(Split.TEST),
          List.copyOf(m.recordsPerStyle().keySet()));
    }

    /**
     * The emoji and the backgrounds of the scenes a judge with this many reserved test scenes
     * trains on, each sorted.
     */
    Labels labels(int reservedTestScenes) {
      TreeSet<String> keys = new TreeSet<>();
      TreeSet<String> backgrounds = new TreeSet<>();
      forEachTraining(
          dataset,
          reservedTestScenes,
          r -> {
            r.objects().forEach(o -> keys.add(o.emojiKey()));
            backgrounds.add(r.background());
          });
      return new Labels(List.copyOf(keys), List.copyOf(backgrounds));
    }
  }

  /** The emoji head's and the background head's labels. */
  record Labels(List<String> emojiKeys, List<String> backgrounds) {}
}
