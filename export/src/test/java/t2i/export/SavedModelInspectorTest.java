package t2i.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.proto.MetaGraphDef;
import t2i.error.UserException;

/** The inspector on SavedModels written by TensorFlow Java, clean and not. */
class SavedModelInspectorTest {
  @TempDir static Path dir;
  static Path dense;

  @BeforeAll
  static void denseModel() {
    dense = TinySavedModels.dense(dir.resolve("dense/1"), SavedModelInspector.PREDICT);
  }

  @Test
  void anInferenceGraphIsCleanAndDescribed() {
    SavedModelReport r = SavedModelInspector.inspect(dense);
    assertEquals(List.of(), r.problems());
    assertTrue(r.clean());
    assertTrue(r.variablesIndex());
    assertEquals(dense.toString(), r.path());
    assertEquals(1, r.metaGraphs().size());
    SavedModelReport.MetaGraph g = r.metaGraphs().get(0);
    assertEquals(List.of("serve"), g.tags());
    assertEquals(1, g.variables());
    assertEquals(0, g.functions());
    assertTrue(g.ops() > 5, "ops: " + g.ops());
    assertTrue(
        g.opTypes().containsAll(List.of("MatMul", "Sigmoid", "VariableV2")), g.opTypes()::toString);
    assertEquals(
        List.of(
            new SavedModelReport.Signature(
                "serving_default",
                "tensorflow/serving/predict",
                List.of(new SavedModelReport.Tensor("x", "x:0", "DT_FLOAT", List.of(-1L, 4L))),
                List.of(new SavedModelReport.Tensor("y", "y:0", "DT_FLOAT", List.of(-1L, 2L))))),
        g.signatures());
    String text = r.format();
    assertTrue(text.contains("  signature serving_default (tensorflow/serving/predict)\n"), text);
    assertTrue(text.contains("    input  x: x:0 DT_FLOAT [-1,4]\n"), text);
    assertTrue(text.contains("    output y: y:0 DT_FLOAT [-1,2]\n"), text);
    assertTrue(text.endsWith("clean: inference only, servable signatures\n"), text);
  }

  @Test
  void aGeneratorIsClean() {
    SavedModelReport r = SavedModelInspector.inspect(TinySavedModels.generator(dir.resolve("gen")));
    assertEquals(List.of(), r.problems());
    List<String> ops = r.metaGraphs().get(0).opTypes();
    assertTrue(ops.contains("MatMul"), ops::toString);
    assertTrue(ops.contains("FusedBatchNormV3"), ops::toString);
  }

  @Test
  void aTransposedConvolutionIsNotTakenForATrainingOp() {
    SavedModelReport r =
        SavedModelInspector.inspect(TinySavedModels.transposedConvolution(dir.resolve("deconv")));
    assertEquals(List.of(), r.problems());
    assertTrue(
        r.metaGraphs().get(0).opTypes().contains("Conv2DBackpropInput"),
        r.metaGraphs().get(0).opTypes()::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"adam", "rmsprop"})
  void aTrainingGraphExportedWholeFailsNamingItsTrainingOps(String optimizer) {
    SavedModelReport r =
        SavedModelInspector.inspect(
            TinySavedModels.embeddingTrainingGraph(dir.resolve("train-" + optimizer), optimizer));
    assertFalse(r.clean());
    String update = optimizer.equals("adam") ? "ApplyAdam" : "ApplyRMSProp";
    assertTrue(
        r.problems().stream().anyMatch(p -> p.startsWith("optimizer update op " + update + " ")),
        r.problems()::toString);
    assertTrue(
        r.problems().stream().anyMatch(p -> p.startsWith("gradients scope Gradients/ ")),
        r.problems()::toString);
    String slots =
        r.problems().stream()
            .filter(p -> p.startsWith("optimizer slot variables"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(r.problems()));
    String firstSlot = optimizer.equals("adam") ? "txtenc_conv1_w_adam_m" : "txtenc_conv1_w_rms";
    assertTrue(slots.contains(firstSlot), slots);
    // Every line is one line.
    r.problems().forEach(p -> assertFalse(p.contains("\n"), p));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "tensorflow/serving/predict_v2", "custom"})
  void aMethodNameTfServingDoesNotServeIsFlagged(String method) {
    SavedModelReport r =
        SavedModelInspector.inspect(
            TinySavedModels.dense(dir.resolve("method-" + method.hashCode()), method));
    assertEquals(
        List.of(
            "signature serving_default has method name '"
                + method
                + "': TF Serving needs tensorflow/serving/predict (or classify, regress)"),
        r.problems());
  }

  @Test
  void classifyAndRegressAreServingMethodsToo() {
    for (String m : List.of("tensorflow/serving/classify", "tensorflow/serving/regress")) {
      Path model = TinySavedModels.dense(dir.resolve("ok-" + m.hashCode()), m);
      assertEquals(List.of(), SavedModelInspector.inspect(model).problems(), m);
    }
  }

  @Test
  void noServeTagNoSignaturesAndMissingVariablesAreFlagged() throws IOException {
    Path edited =
        TinySavedModels.rewrite(
            dense,
            dir.resolve("edited/1"),
            m -> {
              MetaGraphDef.Builder g = m.getMetaGraphs(0).toBuilder().clearSignatureDef();
              g.getMetaInfoDefBuilder().clearTags().addTags("train");
              return m.toBuilder().setMetaGraphs(0, g).build();
            });
    SavedModelReport r = SavedModelInspector.inspect(edited);
    assertEquals(
        List.of(
            "the graph has 1 variable but variables/variables.index is missing: re-export it",
            "no meta graph is tagged 'serve' (tags: [[train]]): TF Serving loads that one"),
        r.problems());
    Path noSignatures =
        TinySavedModels.rewrite(
            dense,
            dir.resolve("nosig/1"),
            m ->
                m.toBuilder()
                    .setMetaGraphs(0, m.getMetaGraphs(0).toBuilder().clearSignatureDef())
                    .build());
    assertTrue(
        SavedModelInspector.inspect(noSignatures)
            .problems()
            .contains("the serve meta graph has no signatures: nothing to call"));
  }

  @Test
  void aModelFolderMeansItsHighestNumberedVersion() throws IOException {
    Path model = dir.resolve("versions");
    for (String v : List.of("2", "10", "tmp-99")) {
      TinySavedModels.rewrite(dense, model.resolve(v), m -> m);
    }
    assertEquals(model.resolve("10").toString(), SavedModelInspector.inspect(model).path());
    assertEquals(
        model.resolve("2").toString(),
        SavedModelInspector.inspect(model.resolve("2/saved_model.pb")).path());
  }

  @Test
  void garbageOrMissingFilesAreOneLineDataErrors() throws IOException {
    Path garbage = dir.resolve("garbage/1");
    Files.createDirectories(garbage);
    Files.writeString(
        garbage.resolve("saved_model.pb"), "not a protobuf\n", StandardCharsets.UTF_8);
    String parse =
        assertThrows(UserException.class, () -> SavedModelInspector.inspect(garbage)).getMessage();
    assertTrue(parse.startsWith("cannot parse " + garbage.resolve("saved_model.pb")), parse);

    Path empty = dir.resolve("empty/1");
    Files.createDirectories(empty);
    Files.write(empty.resolve("saved_model.pb"), new byte[0]);
    String none =
        assertThrows(UserException.class, () -> SavedModelInspector.inspect(empty)).getMessage();
    assertTrue(none.contains("holds no meta graph"), none);

    String missing =
        assertThrows(UserException.class, () -> SavedModelInspector.inspect(dir.resolve("nope")))
            .getMessage();
    assertTrue(missing.startsWith("no such file or folder: "), missing);
    Path noVersions = Files.createDirectories(dir.resolve("models/empty"));
    String neither =
        assertThrows(UserException.class, () -> SavedModelInspector.inspect(noVersions))
            .getMessage();
    assertTrue(neither.contains("neither saved_model.pb nor numbered version folders"), neither);
    Files.createDirectories(noVersions.resolve("3"));
    String incomplete =
        assertThrows(UserException.class, () -> SavedModelInspector.inspect(noVersions))
            .getMessage();
    assertTrue(incomplete.endsWith("has no saved_model.pb"), incomplete);
    for (String m : List.of(parse, none, missing, neither, incomplete)) {
      assertFalse(m.contains("\n"), m);
    }
  }
}
