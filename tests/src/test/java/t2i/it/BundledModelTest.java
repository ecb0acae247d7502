package t2i.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.cli.CliRun;
import t2i.export.BundleManifest;
import t2i.serving.GeneratedImage;
import t2i.serving.ModelSpec;
import t2i.serving.PredictClient;
import t2i.serving.Text2ImageClient;
import t2i.serving.Text2ImageContract;
import t2i.serving.local.InProcessClient;

/**
 * The pretrained models committed under {@code models/}: complete and unaltered (the manifest),
 * loadable, and drawing through {@code t2i generate} with no model named, as on a fresh clone.
 */
class BundledModelTest {
  @TempDir Path dir;

  /** The repository's {@code models/}: the tests run in the {@code tests} module's folder. */
  static Path bundle() {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertTrue(Files.isRegularFile(root.resolve("t2i")), "the repository root holds t2i: " + root);
    return root.resolve("models");
  }

  @Test
  void filesMatchTheManifestAndStayWithinTheLimit() throws IOException {
    Path models = bundle();
    assertEquals(List.of(), BundleManifest.differences(models));
    BundleManifest m = BundleManifest.read(models);
    assertTrue(m.totalBytes() <= BundleManifest.MAX_BYTES, m.totalBytes() + " bytes");
    List<String> paths = m.files().stream().map(BundleManifest.Entry::path).toList();
    assertTrue(paths.contains("README.md"), "the model card is part of the bundle: " + paths);
    assertTrue(paths.contains("text2image/1/saved_model.pb"), paths.toString());
  }

  @Test
  void text2imageDrawsDeterministicallyAndTheNoiseChangesThePicture() throws Exception {
    try (PredictClient client = InProcessClient.open(bundle(), Text2ImageContract.MODEL)) {
      Text2ImageClient t2i =
          Text2ImageClient.builder(client)
              .model(ModelSpec.latest(Text2ImageContract.MODEL))
              .build();
      List<String> texts = List.of("red heart", "red heart", "grinning face");
      List<GeneratedImage> first = t2i.generate(texts, List.of(0L, 1L, 0L));
      List<GeneratedImage> again = t2i.generate(texts, List.of(0L, 1L, 0L));
      for (int i = 0; i < texts.size(); i++) {
        assertEquals(64, first.get(i).height());
        assertEquals(64, first.get(i).width());
        assertTrue(
            java.util.Arrays.equals(first.get(i).pixels(), again.get(i).pixels()),
            "same text and seed, same picture");
        for (float p : first.get(i).pixels()) {
          assertTrue(p >= 0f && p <= 1f, "pixel " + p);
        }
      }
      double bySeed = meanAbsoluteDifference(first.get(0), first.get(1));
      double byText = meanAbsoluteDifference(first.get(0), first.get(2));
      assertTrue(bySeed > 0.02, "two seeds differ by " + bySeed);
      assertTrue(byText > 0.02, "two captions differ by " + byText);
    }
  }

  @Test
  void generateUsesTheBundleWhenNoModelIsNamed() throws IOException {
    Path png = dir.resolve("heart.png");
    String previousHome = System.getProperty("t2i.home");
    System.setProperty("t2i.home", bundle().getParent().toString());
    try {
      CliRun run =
          CliRun.of("generate", "red heart", "--n", "2", "--seed", "0", "--out", png.toString());
      assertEquals(0, run.exit(), run.err());
      assertTrue(run.out().contains("2 image(s) of \"red heart\", seeds 0, 1"), run.out());
    } finally {
      if (previousHome == null) {
        System.clearProperty("t2i.home");
      } else {
        System.setProperty("t2i.home", previousHome);
      }
    }
    BufferedImage grid = ImageIO.read(png.toFile());
    assertTrue(grid.getWidth() >= 2 * 64 && grid.getHeight() >= 64, "a row of two 64x64 pictures");
  }

  private static double meanAbsoluteDifference(GeneratedImage a, GeneratedImage b) {
    float[] x = a.pixels();
    float[] y = b.pixels();
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += Math.abs(x[i] - y[i]);
    }
    return sum / x.length;
  }
}
