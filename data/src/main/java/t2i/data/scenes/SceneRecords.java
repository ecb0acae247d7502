package t2i.data.scenes;

import java.util.Comparator;
import java.util.Set;
import t2i.data.DatasetManifest;
import t2i.data.TextImageRecord;
import t2i.data.coco.CocoScenesOptions;

/** What every reader of a dataset needs to know of scenes datasets. */
public final class SceneRecords {
  /** The manifest names of scenes datasets: emoji scenes and COCO. */
  public static final Set<String> NAMES = Set.of(ScenesDatasetOptions.NAME, CocoScenesOptions.NAME);

  private SceneRecords() {}

  public static boolean isScenes(DatasetManifest manifest) {
    return NAMES.contains(manifest.name());
  }

  /**
   * A scene as the image-and-captions record every trainer reads (the joint embedding, the GAN, the
   * judge). Its class and concept are those of its largest object (by box area): a scene is one
   * image and five captions, and DS-SJE needs classes whose images look alike, so a class groups
   * the scenes whose largest object is of one object class, and a concept those whose largest
   * object is one emoji.
   */
  public static TextImageRecord asTextImage(SceneRecord r) {
    SceneRecord.Item main =
        r.objects().stream().max(Comparator.comparingDouble(o -> o.box().area())).orElseThrow();
    return new TextImageRecord(
        r.key(),
        r.png(),
        r.size(),
        r.size(),
        r.captions(),
        main.classId(),
        main.className(),
        main.emojiKey(),
        r.style(),
        r.split());
  }
}
