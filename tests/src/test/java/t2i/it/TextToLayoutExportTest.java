package t2i.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.data.io.Json;
import t2i.export.TextToLayoutExport;
import t2i.serving.Text2LayoutContract;
import t2i.training.layout.BoxesConfig;
import t2i.training.layout.LayoutModel;
import t2i.training.layout.LayoutObject;
import t2i.training.layout.SceneLayout;
import t2i.training.layout.SceneLayouts;
import t2i.training.layout.TinyBoxRuns;

/**
 * A tiny box generator trained a few steps, exported as text2layout, loaded back: its layouts are
 * the run's for the same seeds, in any batch.
 */
class TextToLayoutExportTest {
  @TempDir static Path dir;
  static Path run;
  static Path model;
  static BoxesConfig config;
  static List<String> captions;

  @BeforeAll
  static void trainAndExport() throws IOException {
    Path dataset = EmojiFixture.buildScenesDataset(dir, 30);
    List<SceneLayout> scenes = SceneLayouts.read(dataset, Split.TRAINVAL);
    config = TinyBoxRuns.config(dataset, BoxesConfig.WORDS, 4);
    run = TinyBoxRuns.train(dir.resolve("boxes"), config, 20);
    captions = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      captions.add(scenes.get(i).captions().get(i % scenes.get(i).captions().size()));
    }
    model = TextToLayoutExport.export(run, dir.resolve("models"), 1, false);
  }

  @Test
  void signaturesAndClassesAreWhatTheContractSays() throws IOException {
    assertEquals(dir.resolve("models/text2layout/1"), model);
    assertEquals(
        config.classNames(),
        Json.read(model.resolve(Text2LayoutContract.CLASSES_FILE), TextToLayoutExport.Classes.class)
            .classes());
    assertTrue(Files.isRegularFile(model.resolve("t2i-export.json")));
    try (SavedModelBundle b = SavedModelBundle.load(model.toString(), "serve")) {
      Set<String> outputs =
          Set.of(Text2LayoutContract.LABELS, Text2LayoutContract.BOXES, Text2LayoutContract.COUNT);
      SignatureDef d =
          b.metaGraphDef().getSignatureDefMap().get(Text2LayoutContract.SERVING_DEFAULT);
      assertEquals(
          Set.of(Text2LayoutContract.TEXT, Text2LayoutContract.SEED), d.getInputsMap().keySet());
      assertEquals(outputs, d.getOutputsMap().keySet());
      SignatureDef s = b.metaGraphDef().getSignatureDefMap().get(Text2LayoutContract.SAMPLE);
      assertEquals(
          Set.of(
              Text2LayoutContract.TEXT, Text2LayoutContract.SEED, Text2LayoutContract.TEMPERATURE),
          s.getInputsMap().keySet());
      assertEquals(outputs, s.getOutputsMap().keySet());
    }
  }

  @Test
  void aSeedGivesTheRunsLayoutInAnyBatch() {
    long[] seeds = {11, 12, 13, 14, 15, 16};
    List<List<LayoutObject>> expected;
    List<List<LayoutObject>> cooler;
    try (LayoutModel m = LayoutModel.load(run, 1)) {
      expected = m.sample(captions, seeds, config.temperature());
      cooler = m.sample(captions, seeds, 0.5f);
    }
    try (SavedModelBundle b = SavedModelBundle.load(model.toString(), "serve")) {
      assertLayouts(expected, call(b, captions, seeds, null));
      assertLayouts(cooler, call(b, captions, seeds, 0.5f));
      // one row alone, and the rows in reverse order
      assertLayouts(
          List.of(expected.get(2)), call(b, List.of(captions.get(2)), new long[] {13}, null));
      List<String> reversed = new ArrayList<>(captions);
      java.util.Collections.reverse(reversed);
      List<List<LayoutObject>> back =
          new ArrayList<>(call(b, reversed, new long[] {16, 15, 14, 13, 12, 11}, null));
      java.util.Collections.reverse(back);
      assertLayouts(expected, back);
    }
  }

  /** The exported model's layouts, read as {@link LayoutModel} reads its own. */
  private static List<List<LayoutObject>> call(
      SavedModelBundle b, List<String> texts, long[] seeds, Float temperature) {
    try (TString t = TString.tensorOf(NdArrays.vectorOfObjects(texts.toArray(String[]::new)));
        TInt64 s = TInt64.vectorOf(seeds);
        TFloat32 tau = temperature == null ? null : TFloat32.scalarOf(temperature)) {
      Map<String, org.tensorflow.Tensor> in =
          temperature == null
              ? Map.of(Text2LayoutContract.TEXT, t, Text2LayoutContract.SEED, s)
              : Map.of(
                  Text2LayoutContract.TEXT,
                  t,
                  Text2LayoutContract.SEED,
                  s,
                  Text2LayoutContract.TEMPERATURE,
                  tau);
      String signature =
          temperature == null ? Text2LayoutContract.SERVING_DEFAULT : Text2LayoutContract.SAMPLE;
      try (Result r = b.function(signature).call(in)) {
        TInt32 labels = (TInt32) r.get(Text2LayoutContract.LABELS).orElseThrow();
        TFloat32 boxes = (TFloat32) r.get(Text2LayoutContract.BOXES).orElseThrow();
        TInt32 count = (TInt32) r.get(Text2LayoutContract.COUNT).orElseThrow();
        for (int i = 0; i < texts.size(); i++) {
          for (int k = count.getInt(i); k < config.steps(); k++) {
            assertEquals(
                config.generator().endClass(), labels.getInt(i, k), "end class after the count");
          }
        }
        List<List<LayoutObject>> out = LayoutModel.layouts(labels, boxes, count);
        return out;
      }
    }
  }

  private static void assertLayouts(
      List<List<LayoutObject>> expected, List<List<LayoutObject>> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      TinyBoxRuns.assertSameLayout(expected.get(i), actual.get(i));
    }
  }
}
