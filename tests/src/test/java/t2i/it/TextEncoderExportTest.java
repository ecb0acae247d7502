package t2i.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.data.text.ReedAlphabet;
import t2i.export.SavedModelInspector;
import t2i.export.SavedModelReport;
import t2i.export.TextEncoderExport;
import t2i.graph.ImageEncoderConfig;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.TextEncoder;
import t2i.graph.TextEncoderConfig;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.embedding.EmbeddingTrainer;
import t2i.training.run.RunDirectory;

/** A tiny joint embedding trained for a few steps, exported, and loaded back. */
class TextEncoderExportTest {
  @TempDir static Path dir;
  static Path model;
  static float[] trainingEmbeddings;

  static final List<String> TEXTS =
      List.of(
          "a red rose",
          "Waving Hand: medium-dark skin tone",
          "",
          "日本語 🌹",
          "Café naïve déjà vu",
          "x".repeat(500));

  @BeforeAll
  static void trainAndExport() throws IOException {
    Path datasetDir = EmojiFixture.buildDataset(dir);
    int classes = Dataset.open(datasetDir).manifest().classes(Split.TRAINVAL).size();
    EmbeddingConfig config =
        EmbeddingConfig.builder(datasetDir.toString(), classes)
            .text(TextEncoderConfig.tiny())
            .image(ImageEncoderConfig.tiny())
            .batchSize(classes)
            .build();
    Path run = dir.resolve("run");
    RunDirectory.create(run, EmbeddingTrainer.KIND, config);
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
  void layoutAndSignaturesAreWhatTfServingExpects() throws IOException {
    assertEquals(dir.resolve("models/text_encoder/1"), model);
    assertTrue(Files.isRegularFile(model.resolve("saved_model.pb")));
    assertTrue(Files.isDirectory(model.resolve("variables")));
    assertTrue(Files.isRegularFile(model.resolve("t2i-export.json")));
    assertEquals(
        "[\"serving_default\",\"encode_chars\"]",
        JsonParser.parseString(Files.readString(model.resolve("t2i-export.json")))
            .getAsJsonObject()
            .get("signatures")
            .toString());
    try (SavedModelBundle b = SavedModelBundle.load(model.toString(), "serve")) {
      Map<String, SignatureDef> sigs = b.metaGraphDef().getSignatureDefMap();
      assertEquals(Set.of("serving_default", "encode_chars"), sigs.keySet());
      for (SignatureDef s : sigs.values()) {
        assertEquals("tensorflow/serving/predict", s.getMethodName());
        assertTrue(s.getOutputsMap().containsKey("embedding"));
      }
      assertTrue(sigs.get("serving_default").getInputsMap().containsKey("text"));
      assertTrue(sigs.get("encode_chars").getInputsMap().containsKey("chars"));
      // Inference only: exactly the text encoder's weights, no optimizer slots or powers.
      Set<String> variables =
          b.metaGraphDef().getGraphDef().getNodeList().stream()
              .filter(n -> n.getOp().equals("VariableV2"))
              .map(n -> n.getName())
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(textEncoderVariables(), variables);
    }
  }

  /** The tiny text encoder's variable names, from the graph builder itself. */
  static Set<String> textEncoderVariables() {
    Set<String> names = new TreeSet<>();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, "txtenc", Mode.INFERENCE, 0);
      TextEncoder.build(net, TextEncoderConfig.tiny(), tf.placeholder(TInt32.class));
      net.all().forEach(v -> names.add(v.op().name()));
    }
    return names;
  }

  @Test
  void theExportPassesInspectionWithBothSignatures() {
    // The model folder: inspection picks its highest (only) version.
    SavedModelReport r = SavedModelInspector.inspect(model.getParent());
    assertEquals(List.of(), r.problems());
    assertEquals(model.toString(), r.path());
    assertTrue(r.variablesIndex());
    assertEquals(1, r.metaGraphs().size());
    SavedModelReport.MetaGraph g = r.metaGraphs().get(0);
    assertEquals(List.of("serve"), g.tags());
    assertEquals(textEncoderVariables().size(), g.variables());
    long dim = TextEncoderConfig.tiny().embeddingDim();
    SavedModelReport.Tensor embedding =
        new SavedModelReport.Tensor("embedding", "embedding:0", "DT_FLOAT", List.of(-1L, dim));
    assertEquals(
        List.of(
            new SavedModelReport.Signature(
                "encode_chars",
                "tensorflow/serving/predict",
                List.of(
                    new SavedModelReport.Tensor(
                        "chars",
                        "chars:0",
                        "DT_INT32",
                        List.of(-1L, (long) ReedAlphabet.MAX_LENGTH))),
                List.of(embedding)),
            new SavedModelReport.Signature(
                "serving_default",
                "tensorflow/serving/predict",
                List.of(new SavedModelReport.Tensor("text", "text:0", "DT_STRING", List.of(-1L))),
                List.of(embedding))),
        g.signatures());
    assertTrue(g.opTypes().contains("UnicodeDecode"), "text encoded in the graph: " + g.opTypes());
  }

  @Test
  void textAndCharacterSignaturesAgreeWithEachOtherAndTheTrainingGraph() {
    try (SavedModelBundle b = SavedModelBundle.load(model.toString(), "serve")) {
      float[] fromText;
      try (TString in = TString.tensorOf(NdArrays.vectorOfObjects(TEXTS.toArray(new String[0])));
          Result r = b.function("serving_default").call(Map.of("text", in))) {
        fromText = values((TFloat32) r.get("embedding").orElseThrow());
      }
      int[] ids = new int[TEXTS.size() * ReedAlphabet.MAX_LENGTH];
      for (int i = 0; i < TEXTS.size(); i++) {
        ReedAlphabet.encodeInto(TEXTS.get(i), ids, i * ReedAlphabet.MAX_LENGTH);
      }
      float[] fromChars;
      try (TInt32 in =
              TInt32.tensorOf(
                  Shape.of(TEXTS.size(), ReedAlphabet.MAX_LENGTH),
                  DataBuffers.of(ids, true, false));
          Result r = b.function("encode_chars").call(Map.of("chars", in))) {
        fromChars = values((TFloat32) r.get("embedding").orElseThrow());
      }
      assertEquals(Arrays.toString(fromChars), Arrays.toString(fromText));
      assertClose(trainingEmbeddings, fromText);
      // A batch of one.
      try (TString one = TString.tensorOf(NdArrays.vectorOfObjects("a red rose"));
          Result r = b.function("serving_default").call(Map.of("text", one))) {
        TFloat32 e = (TFloat32) r.get("embedding").orElseThrow();
        assertEquals(1, e.shape().get(0));
        float[] first = Arrays.copyOf(trainingEmbeddings, (int) e.shape().get(1));
        assertClose(first, values(e));
      }
    }
  }

  @Test
  void aFreshJvmWithOnlyTensorFlowOnTheClasspathGetsTheSameEmbeddings() throws Exception {
    FreshJvmProbe.Output out =
        FreshJvmProbe.call(dir.resolve("probe"), model, TEXTS, "embedding", null);
    assertEquals(TEXTS.size(), out.shape()[0]);
    assertClose(trainingEmbeddings, out.values());
  }

  @Test
  void servingTheExportLogsNoTensorFlowError() throws Exception {
    assertEquals(List.of(), TensorFlowErrorLog.whenServing(model, dir.resolve("log")));
  }

  static float[] values(TFloat32 t) {
    float[] out = new float[(int) t.shape().size()];
    t.asRawTensor().data().asFloats().read(out);
    return out;
  }

  static void assertClose(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          expected[i], actual[i], 1e-5f * Math.max(1f, Math.abs(expected[i])), "index " + i);
    }
  }
}
