package t2i.training.layout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import t2i.data.Split;
import t2i.data.batch.StepRandom;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.error.UserException;
import t2i.training.Precision;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.embedding.EmbeddingDim;
import t2i.training.gan.Noise;
import t2i.training.run.Checkpoint;
import t2i.training.run.RunFrame;

/**
 * Trains the layout-conditioned image generator on the trainval scenes, from their true label maps
 * to their true images: each step draws {@code batchSize} scenes, one caption embedding of each,
 * the caption of another scene as the wrong text, and the noise, all from (seed, step) alone, so a
 * resumed run continues exactly; then one D update and one G update on them. The scenes stay in
 * memory as stored (PNG bytes) and are decoded per batch.
 */
public final class LayoutImageTrainer extends RunFrame<LayoutImageTrainer.Scalars>
    implements LayoutImageSamples.Generator {
  public static final String KIND = "layout-image";
  private static final int STEP_STREAM = 41;

  /**
   * What a step reports.
   *
   * @param lossD GAN-CLS's L_D
   * @param lossG L_adv + λ · L_rec
   * @param adversarial L_adv
   * @param reconstruction L_rec, the perceptual loss against the real image
   * @param dReal D's mean probability on real/right pairs
   * @param dFake D's mean probability on fake pairs
   */
  public record Scalars(
      double lossD,
      double lossG,
      double adversarial,
      double reconstruction,
      double dReal,
      double dFake) {}

  private final LayoutImageTrainingConfig config;
  private final LayoutImageGraph graph;
  private final List<SceneRecord> scenes;
  private final CaptionEmbeddings embeddings;

  public LayoutImageTrainer(
      LayoutImageTrainingConfig config, Path runDir, Checkpoint resumeFrom, int threads)
      throws IOException {
    super(Scalars.class, runDir, resumeFrom, threads, Precision.FLOAT32);
    this.config = config;
    this.embeddings = CaptionEmbeddings.read(Path.of(config.embeddings()));
    EmbeddingDim.check(
        config.embeddings(),
        embeddings.dim(),
        "the layout image generator",
        config.network().embeddingDim());
    this.scenes = SceneDataset.open(Path.of(config.dataset())).read(Split.TRAINVAL);
    checkAligned(embeddings, Split.TRAINVAL, scenes, config.embeddings(), config.dataset());
    this.graph = LayoutImageGraph.training(config);
    open(graph.graph);
  }

  /**
   * Checks that record {@code i} of the embeddings is scene {@code i} of the split: the same number
   * of records, and of captions in each.
   */
  static void checkAligned(
      CaptionEmbeddings embeddings,
      Split split,
      List<SceneRecord> scenes,
      String embeddingsDir,
      String datasetDir) {
    int records = embeddings.records(split);
    boolean aligned = records == scenes.size();
    for (int i = 0; aligned && i < records; i++) {
      aligned = embeddings.captions(split, i) == scenes.get(i).captions().size();
    }
    if (!aligned) {
      throw new UserException(
          embeddingsDir
              + " was not made from "
              + datasetDir
              + " ("
              + records
              + " "
              + split.fileName()
              + " records against "
              + scenes.size()
              + " scenes, or other caption counts): make them with `t2i embed RUN --data "
              + datasetDir
              + "`");
    }
  }

  @Override
  protected Scalars runStep(long step) {
    int n = config.batchSize();
    int e = embeddings.dim();
    SplittableRandom random = StepRandom.of(config.seed(), step, STEP_STREAM);
    List<SceneRecord> drawn = new ArrayList<>(n);
    float[] right = new float[n * e];
    float[] wrong = new float[n * e];
    for (int i = 0; i < n; i++) {
      int r = random.nextInt(scenes.size());
      int w = (r + 1 + random.nextInt(scenes.size() - 1)) % scenes.size();
      drawn.add(scenes.get(r));
      embeddings.addTo(
          Split.TRAINVAL,
          r,
          random.nextInt(embeddings.captions(Split.TRAINVAL, r)),
          1f,
          right,
          i * e);
      embeddings.addTo(
          Split.TRAINVAL,
          w,
          random.nextInt(embeddings.captions(Split.TRAINVAL, w)),
          1f,
          wrong,
          i * e);
    }
    float[] z = Noise.normal(random, n * config.network().zDim());
    LayoutImageBatch b =
        LayoutImageBatch.of(
            drawn, config.slots(), config.emptyLabel(), config.network().imageSize());
    LayoutImageGraph.Losses l =
        graph.step(
            session(),
            new LayoutImageGraph.StepInputs(
                n, b.images(), b.masks(), b.labels(), right, wrong, z, config.learningRate()));
    return new Scalars(
        l.lossD(), l.lossG(), l.adversarial(), l.reconstruction(), l.realScore(), l.fakeScore());
  }

  @Override
  public float[] generate(LayoutImageBatch layouts, float[] text, float[] z) {
    return graph.sample(session(), layouts, text, z);
  }

  @Override
  public String divergenceAdvice() {
    return "resume from the last checkpoint; if it recurs, start a new run with a lower --lr";
  }

  @Override
  public LayoutImageTrainingConfig config() {
    return config;
  }

  /** G's trainable parameters. */
  public long generatorParameters() {
    return graph.generator.parameterCount();
  }

  /** D's trainable parameters. */
  public long discriminatorParameters() {
    return graph.discriminator.parameterCount();
  }

  public CaptionEmbeddings embeddings() {
    return embeddings;
  }
}
