package t2i.training.layout;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.io.Json;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.data.scenes.ScenesDatasetBuilder;
import t2i.error.UserException;
import t2i.training.embedding.EmbeddingModel;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;
import t2i.training.scenejudge.SceneJudgeConfig;
import t2i.training.scenejudge.SceneJudgeEvaluator;
import t2i.training.scenejudge.SceneJudgeGraph;
import t2i.training.scenejudge.SceneJudgeModel;
import t2i.training.scenejudge.SceneJudgeTrainer;

/**
 * {@code t2i eval scenes}: the scenes to score and the captions every condition draws for ({@link
 * #setup}), then the figures of each condition's images ({@link #evaluate}), the real images' row
 * first. A generator's row plugs in as a {@link RenderedScenes} drawn for {@link Setup#scenes()}
 * with {@link Setup#captions()}.
 */
public final class SceneEvaluator {
  /** Real images the Fréchet distances are taken to, at most. */
  public static final int REFERENCE_IMAGES = 1000;

  /**
   * The scenes scored and the caption each is drawn for.
   *
   * @param dataset the scenes dataset folder
   * @param split their split
   * @param scenes the split's first scenes
   * @param captions one per scene ({@link SceneMetrics#captions})
   * @param seed the captions' seed, and the metrics'
   */
  public record Setup(
      Path dataset, Split split, List<SceneRecord> scenes, List<String> captions, long seed) {
    public Setup {
      scenes = List.copyOf(scenes);
      captions = List.copyOf(captions);
    }
  }

  private SceneEvaluator() {}

  /**
   * The first {@code count} scenes of a split (0: all) and their captions.
   *
   * @throws UserException if the split has fewer than two scenes
   */
  public static Setup setup(Path dataset, Split split, int count, long seed) {
    checkArgument(count >= 0, "count must be >= 0, was %s", count);
    List<SceneRecord> all = SceneDataset.open(dataset).read(split);
    List<SceneRecord> scenes = count == 0 || all.size() <= count ? all : all.subList(0, count);
    if (scenes.size() < 2) {
      throw new UserException(dataset + " has too few " + split.fileName() + " scenes to score");
    }
    return new Setup(dataset, split, scenes, SceneMetrics.captions(scenes, seed), seed);
  }

  /**
   * Scores the real images of the setup's scenes, then each generated condition.
   *
   * @param embeddingRun the joint embedding (null: no R-precision or Fréchet distance)
   * @param generated conditions drawn for the setup's scenes and captions, in the table's order
   * @throws UserException if the judge trained on scenes this evaluation scores
   */
  public static SceneEvaluation evaluate(
      Setup setup,
      Path judgeRun,
      Path embeddingRun,
      List<RenderedScenes> generated,
      int threads,
      Progress progress)
      throws IOException {
    SceneJudgeConfig judgeConfig =
        RunDirectory.open(judgeRun, SceneJudgeTrainer.KIND).config(SceneJudgeConfig.class);
    checkNotTrainedOn(setup, judgeConfig);
    SceneJudgeEvaluator.Report reliability =
        SceneJudgeEvaluator.current(
            judgeRun, Checkpoints.latestOf(judgeRun).step(), threads, progress);
    try (SceneJudgeModel judge = SceneJudgeModel.load(judgeRun, SceneJudgeGraph.OBJECTS, threads);
        EmbeddingModel embedding =
            embeddingRun == null ? null : EmbeddingModel.load(embeddingRun, threads)) {
      Split referenceSplit = Split.VALIDATION;
      List<SceneRecord> reference = List.of();
      if (embedding != null) {
        progress.start("read the reference images", 0);
        reference = referenceScenes(setup, referenceSplit);
        if (reference.isEmpty() || reference.get(0).split() != Split.VALIDATION) {
          referenceSplit = Split.TRAINVAL;
        }
        progress.finish();
      }
      progress.start("encode the reference images", 0);
      SceneMetrics metrics =
          new SceneMetrics(
              judge,
              embedding,
              setup.scenes(),
              embedding == null ? new float[0] : SceneMetrics.images(reference),
              embedding == null ? 1 : reference.get(0).size(),
              heldOutEmoji(setup.dataset()),
              setup.seed());
      progress.finish();
      List<RenderedScenes> conditions = new ArrayList<>();
      conditions.add(SceneMetrics.real(setup.scenes(), setup.captions()));
      conditions.addAll(generated);
      List<SceneMetrics.Row> rows = new ArrayList<>();
      for (RenderedScenes c : conditions) {
        progress.start("score " + c.condition(), 0);
        rows.add(metrics.score(c));
        progress.finish();
      }
      return new SceneEvaluation(
          judgeRun.toString(),
          judge.checkpoint().step(),
          reliability.validation().classTop1(),
          reliability.reliability(),
          embeddingRun == null ? null : embeddingRun.toString(),
          embedding == null ? null : embedding.checkpoint().step(),
          setup.dataset().toString(),
          setup.split().fileName(),
          setup.scenes().size(),
          metrics.rPrecisionCandidates(),
          metrics.referenceImages(),
          embedding == null ? null : referenceSplit.fileName(),
          setup.seed(),
          rows);
    }
  }

  /**
   * The judge trains on the test scenes after the reserved ones (and on trainval): scoring those
   * would measure its memory, not the images.
   */
  private static void checkNotTrainedOn(Setup setup, SceneJudgeConfig c) {
    boolean sameData =
        Path.of(c.dataset())
            .toAbsolutePath()
            .normalize()
            .equals(setup.dataset().toAbsolutePath().normalize());
    if (!sameData) {
      return;
    }
    if (setup.split() == Split.TRAINVAL
        || (setup.split() == Split.TEST && setup.scenes().size() > c.reservedTestScenes())) {
      throw new UserException(
          String.format(
              "the scene judge trained on these scenes: it leaves out the first %d test scenes"
                  + " and the validation scenes; score --split test with --scenes %d or fewer, or"
                  + " --split validation",
              c.reservedTestScenes(), c.reservedTestScenes()));
    }
  }

  /**
   * The emoji a scenes dataset's test split holds out from trainval, from its sidecar (none for
   * datasets without one).
   */
  public static Set<String> heldOutEmoji(Path dataset) {
    Path file = dataset.resolve(ScenesDatasetBuilder.SIDECAR);
    if (!Files.isRegularFile(file)) {
      return Set.of();
    }
    Set<String> keys = new HashSet<>();
    for (var c : Json.read(file, ScenesDatasetBuilder.Sidecar.class).classes()) {
      for (var e : c.emoji()) {
        if (e.heldOut()) {
          keys.add(e.key());
        }
      }
    }
    return keys;
  }

  /** The first {@value #REFERENCE_IMAGES} validation scenes, else trainval scenes. */
  private static List<SceneRecord> referenceScenes(Setup setup, Split preferred) {
    SceneDataset d = SceneDataset.open(setup.dataset());
    for (Split s : List.of(preferred, Split.TRAINVAL)) {
      if (s == setup.split()) {
        continue;
      }
      List<SceneRecord> all = d.read(s);
      if (all.size() >= 2) {
        return all.size() <= REFERENCE_IMAGES ? all : List.copyOf(all.subList(0, REFERENCE_IMAGES));
      }
    }
    throw new UserException(setup.dataset() + " has no other split to take reference images from");
  }
}
