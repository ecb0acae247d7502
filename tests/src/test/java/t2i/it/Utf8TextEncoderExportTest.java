package t2i.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.data.text.TextAlphabet;
import t2i.export.TextEncoderExport;
import t2i.graph.ImageEncoderConfig;
import t2i.graph.TextEncoderConfig;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.embedding.EmbeddingEvaluator;
import t2i.training.embedding.EmbeddingTrainer;
import t2i.training.run.RunDirectory;

/**
 * A tiny utf8 joint embedding trained on captions in English, Chinese and Arabic, exported: the
 * exported model normalises and encodes text in the graph exactly as training did in Java.
 */
class Utf8TextEncoderExportTest {
  @TempDir static Path dir;
  static Path model;
  static Path run;
  static float[] trainingEmbeddings;

  static final List<String> TEXTS =
      List.of(
          "red heart",
          "ＲＥＤ Heart",
          "红心",
          "赤いハート",
          "قلب أحمر",
          "लाल दिल",
          "ΣΟΦΟΣ σοφος",
          "",
          "红".repeat(80));

  @BeforeAll
  static void trainAndExport() throws IOException {
    Path dataset = EmojiFixture.buildMultilingualDataset(dir);
    int classes = Dataset.open(dataset).manifest().classes(Split.TRAINVAL).size();
    EmbeddingConfig config =
        EmbeddingConfig.builder(dataset.toString(), classes)
            .text(TextEncoderConfig.tiny())
            .alphabet(TextAlphabet.UTF8)
            .image(ImageEncoderConfig.tiny())
            .batchSize(classes)
            .build();
    assertEquals(255, config.text().alphabetSize());
    run = dir.resolve("run");
    RunDirectory.create(run, EmbeddingTrainer.KIND, config);
    assertEquals(
        TextAlphabet.UTF8,
        RunDirectory.open(run, EmbeddingTrainer.KIND)
            .config(EmbeddingConfig.class)
            .text()
            .alphabet());
    try (EmbeddingTrainer t = new EmbeddingTrainer(config, run, null, 1, Progress.NONE)) {
      for (int i = 0; i < 20; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
      trainingEmbeddings = t.encodeTexts(TEXTS.toArray(new String[0]));
    }
    model = TextEncoderExport.export(run, dir.resolve("models"), 1, false);
  }

  @Test
  void theEvaluationScoresEachLanguageOnItsOwnCaptions() throws IOException {
    EmbeddingEvaluator.Report report =
        EmbeddingEvaluator.run(run, null, List.of(Split.TRAINVAL, Split.TEST), 1, Progress.NONE);
    for (EmbeddingEvaluator.SplitScores s : report.splits().values()) {
      assertEquals(List.of("ar", "en", "zh"), List.copyOf(s.byLanguage().keySet()));
      for (EmbeddingEvaluator.SplitScores l : s.byLanguage().values()) {
        assertEquals(s.records(), l.records(), "every record has captions in every language");
        assertTrue(l.rPrecisionReal() >= 0 && l.rPrecisionReal() <= 1);
        assertEquals(null, l.byLanguage());
      }
    }
    String table = report.format();
    assertTrue(table.contains("language"), table);
    assertTrue(table.lines().anyMatch(line -> line.startsWith("test      zh ")), table);
  }

  @Test
  void theExportEncodesEveryScriptAsTrainingDid() {
    float[] exported;
    try (SavedModelBundle b = SavedModelBundle.load(model.toString(), "serve");
        TString in = TString.tensorOf(NdArrays.vectorOfObjects(TEXTS.toArray(new String[0])));
        Result r = b.function("serving_default").call(Map.of("text", in))) {
      TFloat32 e = (TFloat32) r.get("embedding").orElseThrow();
      exported = new float[(int) e.shape().size()];
      e.asRawTensor().data().asFloats().read(exported);
    }
    TextEncoderExportTest.assertClose(trainingEmbeddings, exported);
    int dim = exported.length / TEXTS.size();
    float[][] rows = new float[TEXTS.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Arrays.copyOfRange(exported, i * dim, (i + 1) * dim);
    }
    assertTrue(Arrays.equals(rows[0], rows[1]), "full-width and capitals normalise away");
    assertFalse(Arrays.equals(rows[2], rows[3]), "Chinese and Japanese are read, not dropped");
    assertFalse(Arrays.equals(rows[2], rows[7]), "Chinese is not the empty text");
  }
}
