package t2i.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import t2i.data.Dataset;
import t2i.data.DatasetManifest;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.batch.DecodedSplit;
import t2i.data.emoji.EmojiFixture;
import t2i.data.io.Json;
import t2i.export.JudgeExport;
import t2i.serving.JudgeContract;
import t2i.training.BatchTensors;
import t2i.training.judge.JudgeConfig;
import t2i.training.judge.JudgeGraph;
import t2i.training.judge.JudgeModel;
import t2i.training.judge.JudgeTrainer;
import t2i.training.run.RunDirectory;

/** A tiny judge trained a few steps, exported, loaded back and compared with the run. */
class JudgeExportTest {
  @TempDir static Path dir;
  static Path dataset;
  static Path run;
  static Path model;

  @BeforeAll
  static void trainAndExport() throws IOException {
    dataset = EmojiFixture.buildDataset(dir);
    JudgeConfig c =
        JudgeConfig.defaultsFor(dataset).width(4).featureDim(16).batchSize(8).seed(1).build();
    run = dir.resolve("judge");
    RunDirectory.create(run, JudgeTrainer.KIND, c);
    try (JudgeTrainer t = new JudgeTrainer(c, run, null, 1, Progress.NONE)) {
      for (int i = 0; i < 10; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
    }
    model = JudgeExport.export(run, dir.resolve("models"), 1, false);
  }

  @Test
  void signatureAndLabelsAreWhatTheContractSays() throws IOException {
    assertEquals(dir.resolve("models/judge/1"), model);
    DatasetManifest m = Dataset.open(dataset).manifest();
    JudgeExport.Labels labels =
        Json.read(model.resolve(JudgeContract.LABELS_FILE), JudgeExport.Labels.class);
    assertEquals(
        m.concepts().stream().map(DatasetManifest.ConceptEntry::key).toList(), labels.concepts());
    assertEquals(
        m.classes().stream().map(DatasetManifest.ClassEntry::name).toList(),
        labels.subcategories());
    assertTrue(Files.isRegularFile(model.resolve("t2i-export.json")));
    try (SavedModelBundle b = SavedModelBundle.load(model.toString(), "serve")) {
      SignatureDef s = b.metaGraphDef().getSignatureDefMap().get(JudgeContract.SERVING_DEFAULT);
      assertEquals(Set.of(JudgeContract.IMAGE), s.getInputsMap().keySet());
      assertEquals(
          Set.of(
              JudgeContract.CONCEPT_PROBABILITIES,
              JudgeContract.SUBCATEGORY_PROBABILITIES,
              JudgeContract.FEATURES),
          s.getOutputsMap().keySet());
    }
  }

  @Test
  void exportedJudgeSaysWhatTheRunSays() {
    List<TextImageRecord> records = Dataset.open(dataset).read(Split.TEST);
    DecodedSplit images = DecodedSplit.of(records);
    int n = images.size();
    float[] pixels = images.centreCrops(0, n, 64);
    float[] unit = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      unit[i] = (pixels[i] + 1) / 2;
    }
    JudgeModel.Outputs expected;
    try (JudgeModel judge = JudgeModel.load(run, JudgeGraph.JUDGE, 1)) {
      expected = judge.classify(pixels, n);
    }
    try (SavedModelBundle b = SavedModelBundle.load(model.toString(), "serve");
        TFloat32 in = BatchTensors.rows(unit, 0, n, 64, 64, 3);
        Result r =
            b.function(JudgeContract.SERVING_DEFAULT).call(Map.of(JudgeContract.IMAGE, in))) {
      assertClose(expected.concepts(), r.get(JudgeContract.CONCEPT_PROBABILITIES).orElseThrow());
      assertClose(
          expected.subcategories(), r.get(JudgeContract.SUBCATEGORY_PROBABILITIES).orElseThrow());
      assertClose(expected.features(), r.get(JudgeContract.FEATURES).orElseThrow());
    }
  }

  private static void assertClose(float[] expected, org.tensorflow.Tensor actual) {
    float[] got = BatchTensors.floats((TFloat32) actual);
    assertEquals(expected.length, got.length);
    for (int i = 0; i < got.length; i++) {
      assertEquals(expected[i], got[i], 1e-5f, "value " + i);
    }
  }
}
