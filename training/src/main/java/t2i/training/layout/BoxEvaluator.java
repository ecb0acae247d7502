package t2i.training.layout;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.io.Json;
import t2i.data.scenes.CaptionFacts;
import t2i.data.scenes.HeldOut;
import t2i.data.scenes.Relation;
import t2i.data.scenes.ScenesDatasetBuilder;

/**
 * Samples several layouts for every caption of a split's scenes and scores them against the
 * captions' facts ({@link LayoutFacts}), beside the shuffled-box baseline and the scenes' own
 * layouts; runs the relation-swap probe; and takes the held-out loss of the true layouts.
 */
public final class BoxEvaluator {
  /** Captions sampled per call, so progress moves. */
  private static final int SLICE = 2048;

  /**
   * @param split the scenes to evaluate
   * @param layoutsPerCaption layouts sampled per caption
   * @param maxScenes the first this many scenes of the split (0: all)
   * @param temperature the sampling temperature
   * @param seed the layouts' seeds and the baseline's shuffles
   */
  public record Options(
      Split split, int layoutsPerCaption, int maxScenes, float temperature, long seed) {
    public Options {
      checkArgument(layoutsPerCaption >= 1, "layoutsPerCaption must be >= 1");
      checkArgument(maxScenes >= 0, "maxScenes must be >= 0");
      checkArgument(temperature > 0, "temperature must be > 0");
    }
  }

  private record Pair(SceneLayout scene, int caption, String group) {}

  private BoxEvaluator() {}

  public static BoxEvaluation evaluate(
      LayoutModel model, Path runDir, Options o, Progress progress) {
    Path dataset = Path.of(model.config().dataset());
    List<SceneLayout> scenes = SceneLayouts.read(dataset, o.split());
    if (o.maxScenes() > 0 && scenes.size() > o.maxScenes()) {
      scenes = scenes.subList(0, o.maxScenes());
    }
    Holdout holdout = Holdout.read(dataset, model.config().classNames());
    List<Pair> pairs = new ArrayList<>();
    for (SceneLayout s : scenes) {
      for (int c = 0; c < s.captions().size(); c++) {
        pairs.add(new Pair(s, c, holdout.groupOf(s, s.facts().get(c))));
      }
    }
    int k = o.layoutsPerCaption();
    List<String> captions = new ArrayList<>();
    for (Pair p : pairs) {
      for (int j = 0; j < k; j++) {
        captions.add(p.scene().captions().get(p.caption()));
      }
    }
    List<List<LayoutObject>> layouts = sampleAll(model, captions, o, progress);

    FactTally all = new FactTally();
    FactTally truth = new FactTally();
    Map<String, FactTally> groups = new LinkedHashMap<>();
    for (String g :
        List.of(
            BoxEvaluation.SEEN,
            BoxEvaluation.HELD_OUT_EMOJI,
            BoxEvaluation.HELD_OUT_COMBINATIONS)) {
      groups.put(g, new FactTally());
    }
    SplittableRandom shuffle = new SplittableRandom(o.seed());
    for (int i = 0; i < pairs.size(); i++) {
      Pair p = pairs.get(i);
      CaptionFacts facts = p.scene().facts().get(p.caption());
      Pair other = pairs.get(otherThan(i, pairs.size(), shuffle));
      truth.add(p.scene(), facts, p.scene().objects(), other.scene().objects(), shuffle.split());
      for (int j = 0; j < k; j++) {
        List<LayoutObject> layout = layouts.get(i * k + j);
        List<LayoutObject> otherLayout = layouts.get(otherThan(i, pairs.size(), shuffle) * k + j);
        SplittableRandom r = shuffle.split();
        all.add(p.scene(), facts, layout, otherLayout, r.split());
        groups.get(p.group()).add(p.scene(), facts, layout, otherLayout, r);
      }
    }
    Map<String, BoxEvaluation.Group> byHoldout = new LinkedHashMap<>();
    groups.forEach((name, t) -> byHoldout.put(name, t.group()));

    List<String> nllCaptions = new ArrayList<>();
    List<SceneLayout> nllScenes = new ArrayList<>();
    for (Pair p : pairs) {
      nllCaptions.add(p.scene().captions().get(p.caption()));
      nllScenes.add(p.scene());
    }
    LayoutModel.Nll nll = model.nll(nllCaptions, nllScenes);
    return new BoxEvaluation(
        runDir.toString(),
        model.checkpoint().step(),
        o.split().fileName(),
        scenes.size(),
        pairs.size(),
        k,
        o.temperature(),
        nll,
        all.group(),
        byHoldout,
        truth.group(),
        swap(model, pairs, o));
  }

  private static List<List<LayoutObject>> sampleAll(
      LayoutModel model, List<String> captions, Options o, Progress progress) {
    List<List<LayoutObject>> layouts = new ArrayList<>(captions.size());
    progress.start("sample layouts", captions.size());
    for (int start = 0; start < captions.size(); start += SLICE) {
      int n = Math.min(SLICE, captions.size() - start);
      long[] seeds = new long[n];
      for (int i = 0; i < n; i++) {
        seeds[i] = layoutSeed(o.seed(), start + i);
      }
      layouts.addAll(model.sample(captions.subList(start, start + n), seeds, o.temperature()));
      progress.advance(n);
    }
    progress.finish();
    return layouts;
  }

  /** A random index in [0, n) other than {@code i} (i itself when n is 1). */
  private static int otherThan(int i, int n, SplittableRandom random) {
    return n == 1 ? i : (i + 1 + random.nextInt(n - 1)) % n;
  }

  /** The seed of the {@code i}-th sampled layout of an evaluation. */
  static long layoutSeed(long seed, long i) {
    return seed * 0x9E3779B97F4A7C15L + i;
  }

  private static BoxEvaluation.Swap swap(LayoutModel model, List<Pair> pairs, Options o) {
    List<Pair> probed = new ArrayList<>();
    List<RelationSwap.Swapped> swapped = new ArrayList<>();
    for (Pair p : pairs) {
      CaptionFacts facts = p.scene().facts().get(p.caption());
      var s = RelationSwap.of(p.scene().captions().get(p.caption()), facts);
      if (s.isPresent() && LayoutFacts.scored(p.scene(), facts.relations().get(0))) {
        probed.add(p);
        swapped.add(s.get());
      }
    }
    int k = o.layoutsPerCaption();
    List<String> originals = new ArrayList<>();
    List<String> rewritten = new ArrayList<>();
    long[] seeds = new long[probed.size() * k];
    for (int i = 0; i < probed.size(); i++) {
      for (int j = 0; j < k; j++) {
        Pair p = probed.get(i);
        originals.add(p.scene().captions().get(p.caption()));
        rewritten.add(swapped.get(i).caption());
        seeds[i * k + j] = layoutSeed(o.seed() + 1, i * k + j);
      }
    }
    List<List<LayoutObject>> a = model.sample(originals, seeds, o.temperature());
    List<List<LayoutObject>> b = model.sample(rewritten, seeds, o.temperature());
    long original = 0;
    long inverse = 0;
    long both = 0;
    for (int i = 0; i < probed.size(); i++) {
      SceneLayout scene = probed.get(i).scene();
      CaptionFacts.RelationFact fact =
          scene.facts().get(probed.get(i).caption()).relations().get(0);
      for (int j = 0; j < k; j++) {
        boolean x = LayoutFacts.relationHolds(scene, fact, a.get(i * k + j)).orElseThrow();
        boolean y =
            LayoutFacts.relationHolds(scene, swapped.get(i).fact(), b.get(i * k + j)).orElseThrow();
        original += x ? 1 : 0;
        inverse += y ? 1 : 0;
        both += x && y ? 1 : 0;
      }
    }
    double n = Math.max(1, (double) probed.size() * k);
    return new BoxEvaluation.Swap(probed.size(), original / n, inverse / n, both / n);
  }

  /** What the dataset's test split holds out, from its sidecar (none for datasets without one). */
  private record Holdout(Set<String> emoji, Set<String> combinations, List<String> classNames) {
    static Holdout read(Path dataset, List<String> classNames) {
      Path file = dataset.resolve(ScenesDatasetBuilder.SIDECAR);
      if (!Files.isRegularFile(file)) {
        return new Holdout(Set.of(), Set.of(), classNames);
      }
      ScenesDatasetBuilder.Sidecar sidecar = Json.read(file, ScenesDatasetBuilder.Sidecar.class);
      Set<String> emoji = new HashSet<>();
      for (var c : sidecar.classes()) {
        for (var e : c.emoji()) {
          if (e.heldOut()) {
            emoji.add(e.key());
          }
        }
      }
      return new Holdout(emoji, new HashSet<>(sidecar.heldOutCombinations()), classNames);
    }

    String groupOf(SceneLayout scene, CaptionFacts facts) {
      for (CaptionFacts.RelationFact r : facts.relations()) {
        String key =
            HeldOut.key(
                classNames.get(scene.objects().get(r.subject()).classId()),
                Relation.parse(r.relation()),
                classNames.get(scene.objects().get(r.object()).classId()));
        if (combinations.contains(key)) {
          return BoxEvaluation.HELD_OUT_COMBINATIONS;
        }
      }
      for (int i : facts.objects()) {
        if (emoji.contains(scene.emojiKeys().get(i))) {
          return BoxEvaluation.HELD_OUT_EMOJI;
        }
      }
      return BoxEvaluation.SEEN;
    }
  }
}
