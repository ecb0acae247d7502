package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import t2i.data.Split;
import t2i.training.run.RunDirectory;

/** Tiny box-generator runs on a scenes fixture, for the tests of every module. */
public final class TinyBoxRuns {
  private TinyBoxRuns() {}

  /** The tiny encoders and generator, batches of 8, Adam at 0.01. */
  public static BoxesConfig config(Path dataset, String encoder, long seed) {
    List<SceneLayout> scenes = SceneLayouts.read(dataset, Split.TRAINVAL);
    return BoxesConfig.defaultsFor(dataset, SceneLayouts.maxObjects(scenes))
        .textPreset("tiny")
        .encoder(encoder)
        .batchSize(8)
        .learningRate(0.01f)
        .seed(seed)
        .build();
  }

  /** A run of {@code config} trained {@code steps} steps and checkpointed. */
  public static Path train(Path run, BoxesConfig config, int steps) throws IOException {
    RunDirectory.create(run, BoxesTrainer.KIND, config);
    try (BoxesTrainer t = new BoxesTrainer(config, run, null, 1)) {
      for (int i = 0; i < steps; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
    }
    return run;
  }

  /**
   * Same labels, same count, boxes within 1e-5: the matrix products round differently at another
   * batch size, so the coordinates agree to float precision, not bit for bit.
   */
  public static void assertSameLayout(List<LayoutObject> expected, List<LayoutObject> actual) {
    assertEquals(expected.size(), actual.size(), () -> expected + " vs " + actual);
    for (int i = 0; i < expected.size(); i++) {
      LayoutObject e = expected.get(i);
      LayoutObject a = actual.get(i);
      assertEquals(e.classId(), a.classId(), () -> expected + " vs " + actual);
      assertEquals(e.box().x(), a.box().x(), 1e-5);
      assertEquals(e.box().y(), a.box().y(), 1e-5);
      assertEquals(e.box().w(), a.box().w(), 1e-5);
      assertEquals(e.box().h(), a.box().h(), 1e-5);
    }
  }
}
