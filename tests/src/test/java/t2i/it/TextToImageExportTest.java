package t2i.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.export.ExportManifest;
import t2i.export.SavedModelInspector;
import t2i.export.SavedModelReport;
import t2i.export.StyleExport;
import t2i.export.TextToImageExport;
import t2i.graph.ImageEncoderConfig;
import t2i.graph.TextEncoderConfig;
import t2i.serving.GeneratedImage;
import t2i.serving.ModelSpec;
import t2i.serving.TensorValue;
import t2i.serving.Text2ImageClient;
import t2i.serving.Text2ImageContract;
import t2i.serving.grpc.GrpcClient;
import t2i.serving.grpc.GrpcModelServer;
import t2i.serving.local.InProcessClient;
import t2i.serving.local.LoadedModel;
import t2i.serving.local.ModelRepository;
import t2i.serving.rest.RequestFormat;
import t2i.serving.rest.RestClient;
import t2i.serving.server.ModelServer;
import t2i.serving.server.ServerOptions;
import t2i.training.Cpu;
import t2i.training.Precision;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.embedding.EmbeddingModel;
import t2i.training.embedding.EmbeddingTrainer;
import t2i.training.gan.GanModel;
import t2i.training.gan.GanTrainer;
import t2i.training.gan.GanTrainingConfig;
import t2i.training.gan.Noise;
import t2i.training.run.RunDirectory;
import t2i.training.style.StyleModel;
import t2i.training.style.StyleTrainer;
import t2i.training.style.StyleTrainingConfig;

/** Tiny text encoder and GAN trained for a few steps, exported as text2image, and loaded back. */
class TextToImageExportTest {
  @TempDir static Path dir;
  static Path model;
  static final List<String> TEXTS = List.of("a red apple", "grinning face", "", "日本 🌹");
  static final long SEED = 40;
  static int zDim;
  static int dim;

  /** φ of TEXTS from the embedding's training graph. */
  static float[] phi;

  /** G(z of SEED + i, φ(TEXTS[i])) from the GAN's training graph, in [0, 1]. */
  static float[] expected;

  @BeforeAll
  static void trainAndExport() throws IOException {
    Path datasetDir = EmojiFixture.buildDataset(dir);
    int classes = Dataset.open(datasetDir).manifest().classes(Split.TRAINVAL).size();
    EmbeddingConfig ec =
        EmbeddingConfig.builder(datasetDir.toString(), classes)
            .text(TextEncoderConfig.tiny())
            .image(ImageEncoderConfig.tiny())
            .batchSize(classes)
            .build();
    Path embeddingRun = dir.resolve("embedding");
    RunDirectory.create(embeddingRun, EmbeddingTrainer.KIND, ec);
    try (EmbeddingTrainer t = new EmbeddingTrainer(ec, embeddingRun, null, 1, Progress.NONE)) {
      for (int i = 0; i < 5; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
      phi = t.encodeTexts(TEXTS.toArray(new String[0]));
    }
    Path embeddings;
    try (EmbeddingModel m = EmbeddingModel.load(embeddingRun, 1)) {
      embeddings =
          CaptionEmbeddings.write(m, Dataset.open(datasetDir), "tiny", false, Progress.NONE);
    }
    dim = TextEncoderConfig.tiny().embeddingDim();
    GanTrainingConfig gc =
        GanTrainingConfig.builder(datasetDir.toString(), embeddings.toString(), dim)
            .preset("tiny")
            .batchSize(4)
            .seed(7)
            .flip(false)
            .build();
    zDim = gc.gan().zDim();
    Path ganRun = dir.resolve("gan");
    RunDirectory.create(ganRun, GanTrainer.KIND, gc);
    try (GanTrainer t = new GanTrainer(gc, ganRun, null, 1, Progress.NONE)) {
      for (int i = 0; i < 3; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
      float[] z = new float[TEXTS.size() * zDim];
      for (int i = 0; i < TEXTS.size(); i++) {
        System.arraycopy(Noise.forSeed(SEED + i, zDim), 0, z, i * zDim, zDim);
      }
      expected = t.generate(z, phi, TEXTS.size());
      for (int i = 0; i < expected.length; i++) {
        expected[i] = Math.min(1f, Math.max(0f, (expected[i] + 1f) * 0.5f));
      }
    }
    model = TextToImageExport.export(embeddingRun, ganRun, dir.resolve("models"), 1, false);

    StyleTrainingConfig sc =
        StyleTrainingConfig.builder(ganRun.toString(), 3, gc.gan())
            .preset("tiny")
            .batchSize(4)
            .seed(2)
            .build();
    styleRun = dir.resolve("style");
    RunDirectory.create(styleRun, StyleTrainer.KIND, sc);
    try (StyleTrainer t = new StyleTrainer(sc, styleRun, null, 1)) {
      t.trainStep();
      t.trainStep();
      t.checkpoint(1.0);
    }
    styleModel = StyleExport.export(embeddingRun, styleRun, dir.resolve("models"), 1, false);
  }

  static Path styleRun;
  static Path styleModel;

  @Test
  void theStyleModelEncodesAndTransfersAsTheTrainingSideDoes() throws IOException {
    int n = 2;
    float[] unit = new float[n * 64 * 64 * 3];
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < unit.length; i++) {
      unit[i] = (float) random.nextDouble();
    }
    float[] signed = new float[unit.length];
    for (int i = 0; i < unit.length; i++) {
      signed[i] = unit[i] * 2 - 1;
    }
    float[] codes;
    float[] transferred;
    try (StyleModel s = StyleModel.load(styleRun, 1);
        GanModel g = GanModel.load(dir.resolve("gan"), s.checkpoint(), 1)) {
      codes = s.encode(signed, n);
      transferred = g.generate(codes, Arrays.copyOf(phi, n * dim), n);
      for (int i = 0; i < transferred.length; i++) {
        transferred[i] = Math.min(1f, Math.max(0f, (transferred[i] + 1f) * 0.5f));
      }
    }
    try (SavedModelBundle b = SavedModelBundle.load(styleModel.toString(), "serve");
        TFloat32 images =
            TFloat32.tensorOf(Shape.of(n, 64, 64, 3), DataBuffers.of(unit, true, false));
        TString text = texts(TEXTS.subList(0, n));
        Result encoded = b.function("encode").call(Map.of("image", images));
        Result moved = b.function("transfer").call(Map.of("image", images, "text", text))) {
      TextEncoderExportTest.assertClose(
          codes, TextEncoderExportTest.values((TFloat32) encoded.get("z").orElseThrow()));
      TextEncoderExportTest.assertClose(
          transferred, TextEncoderExportTest.values((TFloat32) moved.get("image").orElseThrow()));
      assertEquals(n, ((TString) moved.get("png_bytes").orElseThrow()).shape().get(0));
    }
    assertEquals(List.of(), SavedModelInspector.inspect(styleModel).problems());
  }

  @Test
  void theStyleModelsSignaturesAndManifestAreTheContracts() throws IOException {
    SavedModelReport.MetaGraph g = SavedModelInspector.inspect(styleModel).metaGraphs().get(0);
    SavedModelReport.Tensor image =
        new SavedModelReport.Tensor("image", "image:0", "DT_FLOAT", List.of(-1L, 64L, 64L, 3L));
    assertEquals(
        List.of(
            new SavedModelReport.Signature(
                "encode",
                "tensorflow/serving/predict",
                List.of(image),
                List.of(
                    new SavedModelReport.Tensor(
                        "z", "z:0", "DT_FLOAT", List.of(-1L, (long) zDim)))),
            new SavedModelReport.Signature(
                "transfer",
                "tensorflow/serving/predict",
                List.of(
                    image,
                    new SavedModelReport.Tensor("text", "text:0", "DT_STRING", List.of(-1L))),
                List.of(
                    new SavedModelReport.Tensor(
                        "image", "transferred:0", "DT_FLOAT", List.of(-1L, 64L, 64L, 3L)),
                    new SavedModelReport.Tensor(
                        "png_bytes", "png_bytes:0", "DT_STRING", List.of(-1L))))),
        g.signatures());
    var manifest =
        JsonParser.parseString(Files.readString(styleModel.resolve("t2i-export.json")))
            .getAsJsonObject();
    assertEquals("style", manifest.get("model").getAsString());
    assertEquals("[\"encode\",\"transfer\"]", manifest.get("signatures").toString());
    var sources = manifest.getAsJsonArray("sources");
    assertEquals("embedding", sources.get(0).getAsJsonObject().get("kind").getAsString());
    assertEquals("style", sources.get(1).getAsJsonObject().get("kind").getAsString());
    assertEquals(2, sources.get(1).getAsJsonObject().get("step").getAsLong());
  }

  @Test
  void textAndSeedGiveTheTrainingGraphsImagesAndTheirPngs() throws IOException {
    try (SavedModelBundle b = SavedModelBundle.load(model.toString(), "serve");
        TString text = texts(TEXTS);
        TInt64 seeds = seeds(SEED, TEXTS.size());
        Result r = b.function("serving_default").call(Map.of("text", text, "seed", seeds))) {
      TFloat32 image = (TFloat32) r.get("image").orElseThrow();
      assertEquals(Shape.of(TEXTS.size(), 64, 64, 3), image.shape());
      float[] got = TextEncoderExportTest.values(image);
      TextEncoderExportTest.assertClose(expected, got);
      TString png = (TString) r.get("png_bytes").orElseThrow();
      assertEquals(TEXTS.size(), png.shape().get(0));
      for (int i = 0; i < TEXTS.size(); i++) {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png.asBytes().getObject(i)));
        assertEquals(64, decoded.getWidth());
        assertEquals(64, decoded.getHeight());
        for (int y = 0; y < 64; y += 9) {
          for (int x = 0; x < 64; x += 7) {
            int rgb = decoded.getRGB(x, y);
            int o = ((i * 64 + y) * 64 + x) * 3;
            assertEquals(Math.round(got[o] * 255), (rgb >> 16) & 0xff, "red " + i);
            assertEquals(Math.round(got[o + 1] * 255), (rgb >> 8) & 0xff, "green " + i);
            assertEquals(Math.round(got[o + 2] * 255), rgb & 0xff, "blue " + i);
          }
        }
      }
    }
  }

  @Test
  void thePngSignatureTakesTextAndSeedAndGivesTheDefaultSignaturesPngsAlone() throws IOException {
    SavedModelReport.Signature png =
        SavedModelInspector.inspect(model).metaGraphs().get(0).signatures().stream()
            .filter(s -> s.key().equals(Text2ImageContract.PNG_SIGNATURE))
            .findFirst()
            .orElseThrow();
    assertEquals("tensorflow/serving/predict", png.methodName());
    assertEquals(
        List.of(
            new SavedModelReport.Tensor("seed", "seed:0", "DT_INT64", List.of(-1L)),
            new SavedModelReport.Tensor("text", "text:0", "DT_STRING", List.of(-1L))),
        png.inputs());
    assertEquals(
        List.of(new SavedModelReport.Tensor("png_bytes", "png_bytes:0", "DT_STRING", List.of(-1L))),
        png.outputs());
    try (SavedModelBundle b = SavedModelBundle.load(model.toString(), "serve");
        TString text = texts(TEXTS);
        TInt64 seeds = seeds(SEED, TEXTS.size());
        Result both = b.function("serving_default").call(Map.of("text", text, "seed", seeds));
        Result pngOnly = b.function("png").call(Map.of("text", text, "seed", seeds))) {
      assertEquals(Set.of("png_bytes"), pngOnly.keySet());
      TString expectedPngs = (TString) both.get("png_bytes").orElseThrow();
      TString pngs = (TString) pngOnly.get("png_bytes").orElseThrow();
      assertEquals(Shape.of(TEXTS.size()), pngs.shape());
      for (int i = 0; i < TEXTS.size(); i++) {
        assertArrayEquals(
            expectedPngs.asBytes().getObject(i), pngs.asBytes().getObject(i), "png " + i);
      }
    }
  }

  @Test
  void aBfloat16ExportIsServedInBfloat16AndDrawsCloseToFloat32() throws IOException {
    assumeTrue(Cpu.current().hasBfloat16(), "this CPU has no bfloat16 instructions");
    Path bf16 =
        TextToImageExport.export(
            dir.resolve("embedding"),
            dir.resolve("gan"),
            dir.resolve("models-bf16"),
            1,
            false,
            Precision.BFLOAT16);
    assertEquals(
        "bfloat16",
        JsonParser.parseString(Files.readString(bf16.resolve(ExportManifest.FILE)))
            .getAsJsonObject()
            .get("precision")
            .getAsString());
    assertEquals(
        "float32",
        JsonParser.parseString(Files.readString(model.resolve(ExportManifest.FILE)))
            .getAsJsonObject()
            .get("precision")
            .getAsString(),
        "the GAN trained in float32");
    Map<String, TensorValue> in =
        Map.of(
            "text", TensorValue.ofStrings(TEXTS, TEXTS.size()),
            "seed", TensorValue.longs(SEED, SEED + 1, SEED + 2, SEED + 3));
    float[] f32;
    float[] b16;
    try (LoadedModel m = LoadedModel.load("text2image", 1, model, 1)) {
      f32 = m.predict("serving_default", in, null).get("image").floats();
    }
    try (LoadedModel m = LoadedModel.load("text2image", 1, bf16, 1)) {
      b16 = m.predict("serving_default", in, null).get("image").floats();
    }
    double maxDiff = 0;
    for (int i = 0; i < f32.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(f32[i] - b16[i]));
    }
    assertTrue(maxDiff > 0, "served in bfloat16, so not bit-identical to float32");
    assertTrue(maxDiff < 0.1, "bfloat16 pixels within 0.1 of float32's, max " + maxDiff);
  }

  @Test
  void aSeedGivesTheSameImageAloneAndInABatch() {
    try (SavedModelBundle b = SavedModelBundle.load(model.toString(), "serve");
        TString one = texts(List.of(TEXTS.get(2)));
        TInt64 seed = seeds(SEED + 2, 1);
        Result r = b.function("serving_default").call(Map.of("text", one, "seed", seed))) {
      float[] alone = TextEncoderExportTest.values((TFloat32) r.get("image").orElseThrow());
      int size = 64 * 64 * 3;
      TextEncoderExportTest.assertClose(Arrays.copyOfRange(expected, 2 * size, 3 * size), alone);
    }
  }

  @Test
  void generateTakesEmbeddingAndNoiseAndInterpolateEndsAtItsParents() {
    int n = 2;
    float[] z = new float[n * zDim];
    System.arraycopy(Noise.forSeed(SEED, zDim), 0, z, 0, zDim);
    System.arraycopy(Noise.forSeed(SEED, zDim), 0, z, zDim, zDim);
    try (SavedModelBundle b = SavedModelBundle.load(model.toString(), "serve");
        TFloat32 embedding = matrix(Arrays.copyOf(phi, n * dim), n, dim);
        TFloat32 noise = matrix(z, n, zDim);
        Result g = b.function("generate").call(Map.of("embedding", embedding, "z", noise));
        TString a = texts(List.of(TEXTS.get(0), TEXTS.get(0)));
        TString bText = texts(List.of(TEXTS.get(1), TEXTS.get(1)));
        TFloat32 beta = TFloat32.vectorOf(0f, 1f);
        Result mix =
            b.function("interpolate")
                .call(Map.of("text_a", a, "text_b", bText, "beta", beta, "z", noise))) {
      float[] generated = TextEncoderExportTest.values((TFloat32) g.get("image").orElseThrow());
      int size = 64 * 64 * 3;
      // the first row: φ(text 0) with the seed's z, as serving_default drew it
      TextEncoderExportTest.assertClose(
          Arrays.copyOfRange(expected, 0, size), Arrays.copyOfRange(generated, 0, size));
      // generate gets φ from the training graph, interpolate computes it in the served graph,
      // where TensorFlow fuses kernels: the ends agree to rounding, not bit for bit
      float[] ends = TextEncoderExportTest.values((TFloat32) mix.get("image").orElseThrow());
      // beta 0: text A
      TextEncoderExportTest.assertClose(
          Arrays.copyOfRange(generated, 0, size), Arrays.copyOfRange(ends, 0, size));
      // beta 1 is text 1 with the same z: generate's second row has text 1's φ
      try (TFloat32 second = matrix(Arrays.copyOfRange(phi, dim, 2 * dim), 1, dim);
          TFloat32 oneNoise = matrix(Arrays.copyOf(z, zDim), 1, zDim);
          Result r = b.function("generate").call(Map.of("embedding", second, "z", oneNoise))) {
        TextEncoderExportTest.assertClose(
            TextEncoderExportTest.values((TFloat32) r.get("image").orElseThrow()),
            Arrays.copyOfRange(ends, size, 2 * size));
      }
    }
  }

  @Test
  void inspectionIsCleanAndTheManifestNamesBothRuns() throws IOException {
    SavedModelReport r = SavedModelInspector.inspect(model);
    assertEquals(List.of(), r.problems());
    SavedModelReport.MetaGraph g = r.metaGraphs().get(0);
    assertEquals(
        List.of("generate", "interpolate", "png", "serving_default"),
        g.signatures().stream().map(SavedModelReport.Signature::key).toList());
    SavedModelReport.Signature serving = g.signatures().get(3);
    assertEquals(
        List.of(
            new SavedModelReport.Tensor("seed", "seed:0", "DT_INT64", List.of(-1L)),
            new SavedModelReport.Tensor("text", "text:0", "DT_STRING", List.of(-1L))),
        serving.inputs());
    assertEquals(
        List.of(
            new SavedModelReport.Tensor("image", "image:0", "DT_FLOAT", List.of(-1L, 64L, 64L, 3L)),
            new SavedModelReport.Tensor("png_bytes", "png_bytes:0", "DT_STRING", List.of(-1L))),
        serving.outputs());
    var manifest =
        JsonParser.parseString(Files.readString(model.resolve("t2i-export.json")))
            .getAsJsonObject();
    assertEquals(
        "[\"serving_default\",\"png\",\"generate\",\"interpolate\"]",
        manifest.get("signatures").toString());
    var sources = manifest.getAsJsonArray("sources");
    assertEquals("embedding", sources.get(0).getAsJsonObject().get("kind").getAsString());
    assertEquals(5, sources.get(0).getAsJsonObject().get("step").getAsLong());
    assertEquals("gan", sources.get(1).getAsJsonObject().get("kind").getAsString());
    assertEquals(3, sources.get(1).getAsJsonObject().get("step").getAsLong());
    assertEquals("tiny", sources.get(1).getAsJsonObject().get("preset").getAsString());
    assertTrue(
        Files.list(dir.resolve("models"))
            .noneMatch(p -> p.getFileName().toString().startsWith(".merge")),
        "the scratch checkpoint is gone");
  }

  @Test
  void theRestServerAndTheJavaClientGiveTheTrainingGraphsImages() throws Exception {
    try (ModelRepository models = ModelRepository.load(dir.resolve("models"));
        ModelServer server = ModelServer.start(models, ServerOptions.defaults().withPort(0))) {
      for (RequestFormat format : RequestFormat.values()) {
        try (RestClient rest = RestClient.builder(server.baseUri()).format(format).build()) {
          List<GeneratedImage> images =
              Text2ImageClient.builder(rest)
                  .maxBatchSize(3)
                  .build()
                  .generate(TEXTS, List.of(SEED, SEED + 1, SEED + 2, SEED + 3));
          int size = 64 * 64 * 3;
          for (int i = 0; i < TEXTS.size(); i++) {
            TextEncoderExportTest.assertClose(
                Arrays.copyOfRange(expected, i * size, (i + 1) * size), images.get(i).pixels());
            assertEquals(
                64, ImageIO.read(new ByteArrayInputStream(images.get(i).png())).getWidth());
          }
        }
      }
    }
  }

  @Test
  void everyGrpcCallOnTheExportsAgreesWithRestAndInProcessBitForBit() throws Exception {
    Map<String, TensorValue> textAndSeed =
        Map.of(
            "text",
            TensorValue.ofStrings(TEXTS, TEXTS.size()),
            "seed",
            TensorValue.longs(SEED, SEED + 1, SEED + 2, SEED + 3));
    try (ModelRepository models = ModelRepository.load(dir.resolve("models"));
        ModelServer server = ModelServer.start(models, ServerOptions.defaults().withPort(0));
        GrpcModelServer grpcServer =
            GrpcModelServer.start(models, ServerOptions.defaults().withPort(0));
        RestClient rest = RestClient.connect(server.baseUri());
        GrpcClient grpc = GrpcClient.connect(grpcServer.target())) {
      InProcessClient local = InProcessClient.over(models);
      for (String name : models.versions().keySet()) {
        ModelSpec spec = ModelSpec.latest(name);
        assertEquals(local.metadata(spec), grpc.metadata(spec), name);
        assertEquals(local.metadata(spec), rest.metadata(spec), name);
        assertEquals(local.status(spec), grpc.status(spec), name);
      }
      ModelSpec t2i = ModelSpec.latest("text2image");
      for (String signature : List.of("serving_default", "png")) {
        Map<String, TensorValue> expectedOutputs = local.predict(t2i, signature, textAndSeed);
        assertEquals(expectedOutputs, grpc.predict(t2i, signature, textAndSeed), signature);
        assertEquals(expectedOutputs, rest.predict(t2i, signature, textAndSeed), signature);
      }
      float[] overGrpc = grpc.predict(t2i, null, textAndSeed).get("image").floats();
      TextEncoderExportTest.assertClose(expected, overGrpc);
    }
  }

  @Test
  void aFreshJvmWithOnlyTensorFlowGetsTheSameImagesForTheSameSeeds() throws Exception {
    FreshJvmProbe.Output out =
        FreshJvmProbe.call(dir.resolve("probe"), model, TEXTS, "image", SEED);
    assertArrayEquals(new long[] {TEXTS.size(), 64, 64, 3}, out.shape());
    TextEncoderExportTest.assertClose(expected, out.values());
  }

  @Test
  void servingTheExportsLogsNoTensorFlowError() throws Exception {
    assertEquals(List.of(), TensorFlowErrorLog.whenServing(model, dir.resolve("log-text2image")));
    assertEquals(List.of(), TensorFlowErrorLog.whenServing(styleModel, dir.resolve("log-style")));
  }

  private static TString texts(List<String> texts) {
    return TString.tensorOf(NdArrays.vectorOfObjects(texts.toArray(new String[0])));
  }

  private static TInt64 seeds(long base, int n) {
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = base + i;
    }
    return TInt64.tensorOf(Shape.of(n), DataBuffers.of(values, true, false));
  }

  private static TFloat32 matrix(float[] values, int rows, int columns) {
    return TFloat32.tensorOf(Shape.of(rows, columns), DataBuffers.of(values, true, false));
  }
}
