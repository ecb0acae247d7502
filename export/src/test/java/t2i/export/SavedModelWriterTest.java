package t2i.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import t2i.data.io.Json;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

class SavedModelWriterTest {
  @TempDir Path dir;

  record TinyConfig(String dataset) {}

  /** A run whose checkpoint at {@code step} holds one variable, {@code name} = {@code values}. */
  private SourceRun<TinyConfig> run(String name, long step, float... values) throws IOException {
    return run(name, step, "tiny", values);
  }

  private SourceRun<TinyConfig> run(String name, long step, String preset, float... values)
      throws IOException {
    Path runDir = dir.resolve(name);
    RunDirectory.create(runDir, "tiny", new TinyConfig("emoji"));
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      tf.withName(name).variable(tf.constant(values));
      s.initialize();
      new Checkpoints(runDir, 1).save(s, step, 0);
    }
    return SourceRun.latest(runDir, "tiny", TinyConfig.class, c -> preset);
  }

  /**
   * {@code total}: x + the sum of every variable; {@code weights}: the variables, concatenated.
   * Each variable starts at zeros, so that only a restore gives other values.
   */
  private static SavedModelWriter.GraphBuilder graph(Map<String, Integer> variables) {
    return (g, tf) -> {
      Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class);
      List<Operand<TFloat32>> ws =
          variables.entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .<Operand<TFloat32>>map(
                  e ->
                      tf.withName(e.getKey())
                          .variable(
                              tf.zeros(tf.constant(new int[] {e.getValue()}), TFloat32.class)))
              .toList();
      Operand<TFloat32> all = ws.size() == 1 ? ws.get(0) : tf.concat(ws, tf.constant(0));
      return List.of(
          SavedModelWriter.predict("total")
              .input("x", x)
              .output("y", tf.math.add(x, tf.sum(all, tf.constant(0))))
              .build(),
          SavedModelWriter.predict("weights").input("x", x).output("w", all).build());
    };
  }

  @Test
  void severalRunsAreMergedIntoOneModelAndTheManifestNamesThemAndTheSignaturesInOrder()
      throws IOException {
    SourceRun<TinyConfig> a = run("a_w", 5, 1f, 2f);
    SourceRun<TinyConfig> b = run("b_w", 7, "custom", 3f);
    Path out = dir.resolve("models");

    Path version =
        new SavedModelWriter("m")
            .from(a)
            .from(b)
            .write(out, 2, false, "emoji", graph(Map.of("a_w", 2, "b_w", 1)));

    assertEquals(out.resolve("m/2"), version);
    try (SavedModelBundle m = SavedModelBundle.load(version.toString(), "serve");
        TFloat32 x = TFloat32.scalarOf(10f);
        Result total = m.function("total").call(Map.of("x", x));
        Result weights = m.function("weights").call(Map.of("x", x))) {
      assertEquals(16f, ((TFloat32) total.get("y").orElseThrow()).getFloat());
      TFloat32 w = (TFloat32) weights.get("w").orElseThrow();
      assertArrayEquals(
          new float[] {1f, 2f, 3f}, new float[] {w.getFloat(0), w.getFloat(1), w.getFloat(2)});
      assertEquals(
          "tensorflow/serving/predict",
          m.metaGraphDef().getSignatureDefMap().get("total").getMethodName());
    }
    ExportManifest manifest = Json.read(version.resolve(ExportManifest.FILE), ExportManifest.class);
    assertEquals("m", manifest.model());
    assertEquals("emoji", manifest.dataset());
    assertEquals(List.of("total", "weights"), manifest.signatures());
    assertEquals(
        List.of("tiny 5 " + a.dir().toAbsolutePath(), "custom 7 " + b.dir().toAbsolutePath()),
        manifest.sources().stream().map(s -> s.preset() + " " + s.step() + " " + s.run()).toList());
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(List.of(out.resolve("m")), left.toList(), "no scratch folder left");
    }
  }

  @Test
  void oneRunIsRestoredAsItIs() throws IOException {
    SourceRun<TinyConfig> a = run("a_w", 3, 4f, 5f);
    Path out = dir.resolve("models");

    Path version =
        new SavedModelWriter("one").from(a).write(out, 1, false, "emoji", graph(Map.of("a_w", 2)));

    try (SavedModelBundle m = SavedModelBundle.load(version.toString(), "serve");
        TFloat32 x = TFloat32.scalarOf(0f);
        Result total = m.function("total").call(Map.of("x", x))) {
      assertEquals(9f, ((TFloat32) total.get("y").orElseThrow()).getFloat());
    }
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(List.of(out.resolve("one")), left.toList());
    }
    assertTrue(Files.isRegularFile(version.resolve(ExportManifest.FILE)));
  }

  @Test
  void presetNameIsTheFirstMatchingPresetOrCustom() {
    List<String> names = List.of("small", "large", "small-too");
    assertEquals("small", SourceRun.presetName(null, 1, n -> n.startsWith("small") ? 1 : 2, names));
    assertEquals("large", SourceRun.presetName(null, 2, n -> n.startsWith("small") ? 1 : 2, names));
    assertEquals(
        "custom", SourceRun.presetName(null, 3, n -> n.startsWith("small") ? 1 : 2, names));
    // a recorded name wins over matching the network
    assertEquals(
        "tiny", SourceRun.presetName("tiny", 2, n -> n.startsWith("small") ? 1 : 2, names));
  }
}
