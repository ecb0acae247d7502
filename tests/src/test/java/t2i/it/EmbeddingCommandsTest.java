package t2i.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.cli.CliRun;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.graph.GanConfig;
import t2i.training.Cpu;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.gan.GanTrainer;
import t2i.training.gan.GanTrainingConfig;
import t2i.training.run.RunDirectory;

/** train → resume → eval → embed → export through the command line, on the emoji fixture. */
class EmbeddingCommandsTest {
  @TempDir static Path dir;
  static Path dataset;

  static CliRun t2i(String... args) {
    return CliRun.of(args);
  }

  @BeforeAll
  static void fixture() throws IOException {
    dataset = EmojiFixture.buildDataset(dir);
  }

  String[] train(Path run, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "embedding",
                "--data",
                dataset.toString(),
                "--out",
                run.toString(),
                "--text-preset",
                "tiny",
                "--image-preset",
                "tiny",
                "--threads",
                "1"));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  @Test
  void trainResumeEvaluateEmbedAndExport() throws IOException {
    Path run = dir.resolve("run");
    CliRun first = t2i(train(run, "--steps", "12", "--log-every", "4"));
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.err().contains("stopped at step 12"), first.err());

    CliRun again = t2i(train(run, "--steps", "5"));
    assertEquals(1, again.exit());
    assertTrue(again.err().contains("pass --resume"), again.err());

    CliRun resumed =
        t2i(
            "train",
            "embedding",
            "--out",
            run.toString(),
            "--resume",
            "--steps",
            "22",
            "--threads",
            "1",
            "--log-every",
            "4");
    assertEquals(0, resumed.exit(), resumed.err());
    assertTrue(resumed.err().contains("resuming " + run + " at step 12"), resumed.err());
    assertTrue(resumed.err().contains("stopped at step 22"), resumed.err());
    List<String> csv = Files.readAllLines(run.resolve("losses.csv"));
    assertEquals("step,seconds,loss,lr", csv.get(0));
    // every 4th step, the first, and the last
    assertEquals(
        List.of("1", "4", "8", "12", "16", "20", "22"),
        csv.subList(1, csv.size()).stream().map(l -> l.split(",")[0]).toList());

    CliRun eval = t2i("eval", "embedding", run.toString(), "--threads", "1");
    assertEquals(0, eval.exit(), eval.err());
    assertTrue(eval.out().contains("test "), eval.out());
    assertTrue(eval.out().contains("trainval "), eval.out());
    var json =
        JsonParser.parseString(Files.readString(run.resolve("eval-embedding.json")))
            .getAsJsonObject();
    assertEquals(22, json.get("step").getAsLong());
    var test = json.getAsJsonObject("splits").getAsJsonObject("test");
    for (String level : List.of("concept", "subcategory")) {
      double top1 = test.getAsJsonObject(level).get("top1").getAsDouble();
      assertTrue(top1 >= 0 && top1 <= 1, level);
    }
    double r = test.get("rPrecisionReal").getAsDouble();
    assertTrue(r >= 0 && r <= 1);
    assertEquals("concept", json.get("classLevel").getAsString());

    CliRun embed = t2i("embed", run.toString(), "--data", dataset.toString(), "--threads", "1");
    assertEquals(0, embed.exit(), embed.err());
    CaptionEmbeddings e = CaptionEmbeddings.read(CaptionEmbeddings.folder(dataset, "run"));
    assertEquals(16, e.index().dim());
    assertEquals(22, e.index().step());
    assertEquals(16, e.get(Split.TEST, 0, 0).length);

    Path gan = dir.resolve("gan");
    CliRun trainGan =
        t2i(
            "train",
            "gan",
            "--data",
            dataset.toString(),
            "--out",
            gan.toString(),
            "--embeddings",
            CaptionEmbeddings.folder(dataset, "run").toString(),
            "--preset",
            "tiny",
            "--batch",
            "4",
            "--steps",
            "3",
            "--sample-every",
            "2",
            "--threads",
            "1");
    assertEquals(0, trainGan.exit(), trainGan.err());
    assertTrue(Files.isRegularFile(gan.resolve("samples/step-0000002.png")));
    assertTrue(Files.isRegularFile(gan.resolve("samples/step-0000003.png")), "final grid");
    assertEquals(
        "step,seconds,loss_d,loss_g,d_real,d_fake,lr",
        Files.readAllLines(gan.resolve("losses.csv")).get(0));

    int trainval = Dataset.open(dataset).manifest().records(Split.TRAINVAL);
    var ganConfig =
        JsonParser.parseString(Files.readString(gan.resolve("config.json")))
            .getAsJsonObject()
            .getAsJsonObject("config");
    assertEquals(100L * (trainval / 4), ganConfig.get("halveEvery").getAsLong(), "100 epochs");
    assertEquals("float32", ganConfig.get("precision").getAsString());
    JsonObject recipe = ganConfig.getAsJsonObject("recipe");
    assertEquals(0.999, recipe.get("emaDecay").getAsDouble(), 1e-6, "the default: ema-hinge");
    assertTrue(recipe.get("hinge").getAsBoolean());
    assertFalse(recipe.get("augment").getAsBoolean());

    Path png = dir.resolve("samples/two-texts.png");
    CliRun sample =
        t2i(
            "sample",
            gan.toString(),
            "--text",
            "a red apple",
            "--text",
            "grinning face",
            "--n",
            "3",
            "--seed",
            "5",
            "--out",
            png.toString(),
            "--threads",
            "1");
    assertEquals(0, sample.exit(), sample.err());
    BufferedImage grid = ImageIO.read(png.toFile());
    assertTrue(grid.getWidth() >= 3 * 64 && grid.getHeight() >= 2 * 64, sample.out());
    assertTrue(sample.out().contains("2 text(s) x 3 images, GAN step 3"), sample.out());

    Path judge = dir.resolve("judge");
    CliRun trainJudge =
        t2i(
            "train",
            "judge",
            "--data",
            dataset.toString(),
            "--out",
            judge.toString(),
            "--width",
            "4",
            "--batch",
            "8",
            "--steps",
            "2",
            "--threads",
            "1");
    assertEquals(0, trainJudge.exit(), trainJudge.err());
    CliRun evalGan =
        t2i("eval", "gan", gan.toString(), "--judge", judge.toString(), "--threads", "1");
    assertEquals(0, evalGan.exit(), evalGan.err());
    assertTrue(evalGan.out().contains("not comparable with published"), evalGan.out());
    assertTrue(evalGan.out().contains("judge: concept top-1 (recognition rate)"), evalGan.out());
    var ganEval =
        JsonParser.parseString(Files.readString(gan.resolve("eval-gan.json"))).getAsJsonObject();
    assertEquals(3, ganEval.get("step").getAsLong());
    assertTrue(ganEval.get("judgeReliability").getAsDouble() >= 0);
    for (Split split : List.of(Split.TRAINVAL, Split.TEST)) {
      var s = ganEval.getAsJsonObject("splits").getAsJsonObject(split.fileName());
      assertEquals(Dataset.open(dataset).manifest().records(split), s.get("images").getAsInt());
      for (String key : List.of("rPrecisionGenerated", "rPrecisionReal")) {
        double v = s.get(key).getAsDouble();
        assertTrue(v >= 0 && v <= 1, key + " " + v);
      }
      assertTrue(s.get("frechetGeneratedVsReal").getAsDouble() >= 0);
      var j = s.getAsJsonObject("judge");
      double recognised = j.getAsJsonObject("generated").get("conceptTop1").getAsDouble();
      assertTrue(recognised >= 0 && recognised <= 1);
      assertTrue(j.get("inceptionScoreGenerated").getAsDouble() >= 1 - 1e-9);
      assertTrue(j.get("frechetGeneratedVsReal").getAsDouble() >= 0);
    }

    // One caption language at a time: the English captions are every caption of this data.
    CliRun english =
        t2i("eval", "gan", gan.toString(), "--language", "en", "--split", "test", "--threads", "1");
    assertEquals(0, english.exit(), english.err());
    assertTrue(english.out().startsWith("captions in en only"), english.out());
    var englishEval =
        JsonParser.parseString(Files.readString(gan.resolve("eval-gan-en.json"))).getAsJsonObject();
    assertEquals("en", englishEval.get("language").getAsString());
    assertEquals(
        ganEval.getAsJsonObject("splits").getAsJsonObject("test").get("rPrecisionReal"),
        englishEval.getAsJsonObject("splits").getAsJsonObject("test").get("rPrecisionReal"));
    CliRun chinese = t2i("eval", "gan", gan.toString(), "--language", "zh", "--threads", "1");
    assertEquals(1, chinese.exit(), chinese.err());
    assertTrue(chinese.err().contains("has no captions in 'zh'"), chinese.err());

    styleCommands(gan);
    precisionIsRecordedAndHonouredOnResume(gan);

    CliRun bench =
        t2i(
            "bench",
            "train",
            "--preset",
            "tiny",
            "--batch",
            "4",
            "--steps",
            "2",
            "--warmup",
            "1",
            "--matmul",
            "128",
            "--threads",
            "1",
            "--profile");
    assertEquals(0, bench.exit(), bench.err());
    assertTrue(bench.out().contains("step / ceiling"), bench.out());
    assertTrue(bench.out().contains("MatMul"), "the trace names op types");
    assertTrue(bench.out().contains("float32:"), bench.out());
    assertTrue(bench.out().contains("cpu: "), "names the CPU: " + bench.out());

    CliRun export =
        t2i("export", "--embedding", run.toString(), "--out", dir.resolve("models").toString());
    assertEquals(0, export.exit(), export.err());
    assertTrue(Files.isRegularFile(dir.resolve("models/text_encoder/1/saved_model.pb")));
    CliRun inspect = t2i("inspect", dir.resolve("models/text_encoder").toString());
    assertEquals(0, inspect.exit(), inspect.err());
    assertTrue(inspect.out().contains("signature serving_default"), inspect.out());
    assertTrue(inspect.out().contains("clean: inference only"), inspect.out());
    CliRun exportAgain =
        t2i("export", "--embedding", run.toString(), "--out", dir.resolve("models").toString());
    assertEquals(1, exportAgain.exit());
    assertTrue(exportAgain.err().contains("--force"), exportAgain.err());
  }

  /** Style encoder commands on the tiny GAN run: train, transfer, interpolate, evaluate. */
  /**
   * The run records its precision; a resume keeps it unless told otherwise, and says so when it
   * changes. On a CPU without bfloat16 the option is refused before anything is written.
   */
  private void precisionIsRecordedAndHonouredOnResume(Path gan) throws IOException {
    if (!Cpu.current().hasBfloat16()) {
      CliRun refused =
          t2i("train", "gan", "--out", gan.toString(), "--resume", "--precision", "bfloat16");
      assertEquals(2, refused.exit(), refused.err());
      assertTrue(refused.err().contains("no bfloat16 instructions"), refused.err());
      return;
    }
    CliRun toBf16 =
        t2i(
            "train",
            "gan",
            "--out",
            gan.toString(),
            "--resume",
            "--precision",
            "bfloat16",
            "--steps",
            "4",
            "--threads",
            "1");
    assertEquals(0, toBf16.exit(), toBf16.err());
    assertTrue(toBf16.err().contains("precision float32 -> bfloat16"), toBf16.err());
    assertEquals("bfloat16", savedPrecision(gan));
    CliRun kept =
        t2i("train", "gan", "--out", gan.toString(), "--resume", "--steps", "5", "--threads", "1");
    assertEquals(0, kept.exit(), kept.err());
    assertEquals("bfloat16", savedPrecision(gan), "a resume keeps the run's precision");
    assertTrue(kept.err().contains("resuming " + gan + " at step 4"), kept.err());
  }

  private static String savedPrecision(Path run) throws IOException {
    return JsonParser.parseString(Files.readString(run.resolve("config.json")))
        .getAsJsonObject()
        .getAsJsonObject("config")
        .get("precision")
        .getAsString();
  }

  void styleCommands(Path gan) throws IOException {
    Path style = dir.resolve("style");
    CliRun train =
        t2i(
            "train",
            "style",
            "--gan",
            gan.toString(),
            "--out",
            style.toString(),
            "--preset",
            "tiny",
            "--batch",
            "8",
            "--steps",
            "4",
            "--threads",
            "1");
    assertEquals(0, train.exit(), train.err());
    assertTrue(train.err().contains("held-out L_style"), train.err());

    Path query = dir.resolve("query.png");
    ImageIO.write(new BufferedImage(100, 50, BufferedImage.TYPE_BYTE_GRAY), "png", query.toFile());
    Path transfer = dir.resolve("transfer.png");
    CliRun styleTransfer =
        t2i(
            "style-transfer",
            "--style",
            style.toString(),
            "--image",
            query.toString(),
            "--text",
            "a red apple",
            "--text",
            "a blue car",
            "--out",
            transfer.toString(),
            "--threads",
            "1");
    assertEquals(0, styleTransfer.exit(), styleTransfer.err());
    assertTrue(styleTransfer.err().contains("centre-cropped 100 x 50"), styleTransfer.err());
    assertTrue(ImageIO.read(transfer.toFile()).getHeight() >= 2 * 64);

    Path notImage = Files.writeString(dir.resolve("notes.png"), "hello");
    CliRun bad =
        t2i(
            "style-transfer",
            "--style",
            style.toString(),
            "--image",
            notImage.toString(),
            "--text",
            "x",
            "--out",
            dir.resolve("bad.png").toString());
    assertEquals(1, bad.exit());
    assertEquals(1, bad.err().lines().count(), bad.err());

    CliRun interpolate =
        t2i(
            "interpolate",
            "--gan",
            gan.toString(),
            "--text",
            "a red apple",
            "--text",
            "a blue car",
            "--steps",
            "4",
            "--out",
            dir.resolve("mix.png").toString(),
            "--threads",
            "1");
    assertEquals(0, interpolate.exit(), interpolate.err());
    assertTrue(Files.isRegularFile(dir.resolve("mix-text.png")));
    assertTrue(Files.isRegularFile(dir.resolve("mix-noise.png")));

    CliRun eval = t2i("eval", "style", style.toString(), "--threads", "1");
    assertEquals(0, eval.exit(), eval.err());
    var report =
        JsonParser.parseString(Files.readString(style.resolve("eval-style.json")))
            .getAsJsonObject();
    double auc = report.getAsJsonObject("artStyle").get("auc").getAsDouble();
    assertTrue(auc >= 0 && auc <= 1, "AUC " + auc);
    assertTrue(report.get("heldOutLoss").getAsDouble() > 0);

    // a GAN whose z has another length than the style run's
    var wide =
        GanTrainingConfig.builder(
                dataset.toString(), CaptionEmbeddings.folder(dataset, "run").toString(), 16)
            .gan(new GanConfig(4, 4, 12, 8, 16, false, 64, 3))
            .loss(GanTrainingConfig.Loss.GAN)
            .batchSize(4)
            .seed(1)
            .flip(false)
            .build();
    Path other = dir.resolve("gan-z12");
    RunDirectory.create(other, GanTrainer.KIND, wide);
    try (var t = new GanTrainer(wide, other, null, 1, Progress.NONE)) {
      t.trainStep();
      t.checkpoint(1.0);
    }
    CliRun mismatch =
        t2i(
            "style-transfer",
            "--style",
            style.toString(),
            "--gan",
            other.toString(),
            "--image",
            query.toString(),
            "--text",
            "x",
            "--out",
            dir.resolve("bad.png").toString());
    assertEquals(1, mismatch.exit());
    assertTrue(
        mismatch.err().contains("8-d z") && mismatch.err().contains("12-d z"), mismatch.err());
    assertEquals(
        1, mismatch.err().lines().filter(l -> !l.startsWith("note:")).count(), mismatch.err());
  }

  @Test
  void resumingWithAnotherArchitectureIsRefusedInOneLine() {
    Path run = dir.resolve("arch");
    assertEquals(0, t2i(train(run, "--steps", "2")).exit());
    CliRun wrong =
        t2i(
            "train",
            "embedding",
            "--out",
            run.toString(),
            "--resume",
            "--steps",
            "4",
            "--text-preset",
            "reed");
    assertEquals(1, wrong.exit());
    assertTrue(wrong.err().contains("--text-preset reed would change " + run), wrong.err());
    assertEquals(1, wrong.err().lines().filter(l -> l.startsWith("t2i: error:")).count());
    CliRun notARun = t2i("eval", "embedding", dir.resolve("nothing").toString());
    assertEquals(1, notARun.exit());
    assertTrue(notARun.err().contains("is not a t2i run"), notARun.err());
  }
}
