package t2i.data.scenes;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import t2i.data.scenes.CaptionFacts.PositionFact;
import t2i.data.scenes.CaptionFacts.RelationFact;
import t2i.data.scenes.CaptionFacts.SizeFact;
import t2i.data.text.ReedAlphabet;

/**
 * Writes a scene's captions from templates: one relation, two relations, a list, counts, sizes,
 * absolute positions, and scene first. A relation caption states one of the relations that hold, so
 * layouts for a caption are many. Every caption is within Reed's alphabet and length.
 */
public final class SceneCaptioner {
  /** Share of captions that name the background. */
  public static final double BACKGROUND_MENTION = 0.8;

  private static final List<String> COUNT_WORDS = List.of("no", "one", "two", "three", "four");

  private final int captionsPerScene;

  public SceneCaptioner(int captionsPerScene) {
    checkArgument(captionsPerScene >= 1, "captions per scene must be >= 1");
    this.captionsPerScene = captionsPerScene;
  }

  private interface Template {
    Optional<SceneCaption> write(List<SceneObject> objects, Background background, Random random);
  }

  private final List<Template> templates =
      List.of(
          this::relation,
          this::twoRelations,
          this::list,
          this::count,
          this::sizes,
          this::position,
          this::sceneFirst);

  /** {@code captionsPerScene} distinct captions. */
  public List<SceneCaption> captions(
      List<SceneObject> objects, Background background, Random random) {
    checkArgument(!objects.isEmpty(), "a scene needs an object");
    Map<String, SceneCaption> out = new LinkedHashMap<>();
    for (int attempt = 0; attempt < 50 && out.size() < captionsPerScene; attempt++) {
      // Each round visits the templates in a new order, so every scene mixes them.
      List<Template> order = new ArrayList<>(templates);
      java.util.Collections.shuffle(order, random);
      for (Template t : order) {
        if (out.size() >= captionsPerScene) {
          break;
        }
        t.write(objects, background, random)
            .filter(c -> fitsAlphabet(c.text()))
            .ifPresent(c -> out.putIfAbsent(c.text(), c));
      }
    }
    checkArgument(
        out.size() == captionsPerScene,
        "only %s distinct captions for a scene of %s",
        out.size(),
        objects.size());
    return List.copyOf(out.values());
  }

  /** Within Reed's alphabet (lower case) and length. */
  public static boolean fitsAlphabet(String text) {
    if (text.isEmpty() || text.length() > ReedAlphabet.MAX_LENGTH) {
      return false;
    }
    return text.chars().allMatch(c -> ReedAlphabet.SYMBOLS.indexOf(c) >= 0);
  }

  private Optional<SceneCaption> relation(
      List<SceneObject> objects, Background background, Random random) {
    List<RelationFact> holding = holdingRelations(objects);
    if (holding.isEmpty()) {
      return Optional.empty();
    }
    RelationFact f = holding.get(random.nextInt(holding.size()));
    String text =
        a(objects.get(f.subject()).name())
            + " "
            + phrase(f.relation(), random)
            + " "
            + a(objects.get(f.object()).name());
    return withBackground(
        "relation", text, background, random, List.of(f.subject(), f.object()), List.of(f));
  }

  private Optional<SceneCaption> twoRelations(
      List<SceneObject> objects, Background background, Random random) {
    List<RelationFact> holding = holdingRelations(objects);
    for (int tries = 0; tries < 10 && !holding.isEmpty(); tries++) {
      RelationFact first = holding.get(random.nextInt(holding.size()));
      List<RelationFact> next =
          holding.stream()
              .filter(
                  f ->
                      f.subject() == first.object()
                          && f.object() != first.subject()
                          && !objects
                              .get(f.object())
                              .emojiKey()
                              .equals(objects.get(first.object()).emojiKey()))
              .toList();
      if (next.isEmpty()) {
        continue;
      }
      RelationFact second = next.get(random.nextInt(next.size()));
      String text =
          a(objects.get(first.subject()).name())
              + " "
              + phrase(first.relation(), random)
              + " "
              + a(objects.get(first.object()).name())
              + ", which is "
              + phrase(second.relation(), random)
              + " "
              + a(objects.get(second.object()).name());
      return withBackground(
          "two relations",
          text,
          background,
          random,
          List.of(first.subject(), first.object(), second.object()),
          List.of(first, second));
    }
    return Optional.empty();
  }

  private Optional<SceneCaption> list(
      List<SceneObject> objects, Background background, Random random) {
    return withBackground(
        "list", listPhrase(objects, random), background, random, all(objects), List.of());
  }

  private Optional<SceneCaption> count(
      List<SceneObject> objects, Background background, Random random) {
    String things = objects.size() == 1 ? "one thing" : COUNT_WORDS.get(objects.size()) + " things";
    String text =
        random.nextBoolean()
            ? "there are " + things + ": " + listPhrase(objects, random)
            : things + ", namely " + listPhrase(objects, random);
    if (objects.size() == 1) {
      text = text.replace("there are", "there is");
    }
    return withBackground("count", text, background, random, all(objects), List.of());
  }

  private Optional<SceneCaption> sizes(
      List<SceneObject> objects, Background background, Random random) {
    List<String> parts = new ArrayList<>();
    List<SizeFact> sizes = new ArrayList<>();
    List<Integer> mentioned = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      Optional<String> word = objects.get(i).sizeWord();
      if (word.isPresent()) {
        parts.add(a(word.get() + " " + objects.get(i).name()));
        sizes.add(new SizeFact(i, word.get()));
        mentioned.add(i);
      }
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    String body = joinAnd(parts);
    Optional<SceneCaption> c =
        withBackground("sizes", body, background, random, mentioned, List.of());
    return c.map(
        x ->
            new SceneCaption(
                x.text(),
                new CaptionFacts(
                    "sizes", mentioned, List.of(), sizes, List.of(), x.facts().background())));
  }

  private Optional<SceneCaption> position(
      List<SceneObject> objects, Background background, Random random) {
    int i = random.nextInt(objects.size());
    SceneObject o = objects.get(i);
    if (objects.stream().filter(x -> x.emojiKey().equals(o.emojiKey())).count() > 1) {
      return Optional.empty(); // "a red apple in the top left" is unclear with two of them
    }
    Region region = Region.of(o.box());
    String text = a(o.name()) + " " + region.phrase();
    Optional<String> place = maybePlace(background, random);
    if (place.isPresent()) {
      text = text + ", " + place.get();
    }
    return Optional.of(
        new SceneCaption(
            text,
            new CaptionFacts(
                "position",
                List.of(i),
                List.of(),
                List.of(),
                List.of(new PositionFact(i, region.label())),
                place.isPresent() ? background.name() : null)));
  }

  private Optional<SceneCaption> sceneFirst(
      List<SceneObject> objects, Background background, Random random) {
    List<String> scenes = background.scenePhrases();
    String scene = scenes.get(random.nextInt(scenes.size()));
    List<RelationFact> holding = holdingRelations(objects);
    if (!holding.isEmpty() && random.nextBoolean()) {
      RelationFact f = holding.get(random.nextInt(holding.size()));
      String text =
          scene
              + " with "
              + a(objects.get(f.subject()).name())
              + " "
              + phrase(f.relation(), random)
              + " "
              + a(objects.get(f.object()).name());
      return Optional.of(
          new SceneCaption(
              text,
              new CaptionFacts(
                  "scene first",
                  List.of(f.subject(), f.object()),
                  List.of(f),
                  List.of(),
                  List.of(),
                  background.name())));
    }
    return Optional.of(
        new SceneCaption(
            scene + " with " + listPhrase(objects, random),
            new CaptionFacts(
                "scene first", all(objects), List.of(), List.of(), List.of(), background.name())));
  }

  /** Every (i, r, j) that holds between objects showing different emoji. */
  static List<RelationFact> holdingRelations(List<SceneObject> objects) {
    List<RelationFact> holding = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      for (int j = 0; j < objects.size(); j++) {
        if (i == j || objects.get(i).emojiKey().equals(objects.get(j).emojiKey())) {
          continue;
        }
        for (Relation r : Relation.values()) {
          if (r.holds(objects.get(i).box(), objects.get(j).box())) {
            holding.add(new RelationFact(i, r.label(), j));
          }
        }
      }
    }
    return holding;
  }

  private Optional<SceneCaption> withBackground(
      String template,
      String text,
      Background background,
      Random random,
      List<Integer> objects,
      List<RelationFact> relations) {
    Optional<String> place = maybePlace(background, random);
    return Optional.of(
        new SceneCaption(
            place.map(p -> text + " " + p).orElse(text),
            new CaptionFacts(
                template,
                new ArrayList<>(new LinkedHashSet<>(objects)),
                relations,
                List.of(),
                List.of(),
                place.isPresent() ? background.name() : null)));
  }

  private static Optional<String> maybePlace(Background background, Random random) {
    if (random.nextDouble() >= BACKGROUND_MENTION) {
      return Optional.empty();
    }
    List<String> phrases = background.placePhrases();
    return Optional.of(phrases.get(random.nextInt(phrases.size())));
  }

  /** "two red apples, a dog and a cat", emoji in a random order. */
  private static String listPhrase(List<SceneObject> objects, Random random) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    List<SceneObject> shuffled = new ArrayList<>(objects);
    java.util.Collections.shuffle(shuffled, random);
    for (SceneObject o : shuffled) {
      counts.merge(o.emojiKey(), 1, Integer::sum);
      names.put(o.emojiKey(), o.name());
    }
    List<String> parts = new ArrayList<>();
    counts.forEach(
        (key, n) ->
            parts.add(
                n == 1 ? a(names.get(key)) : COUNT_WORDS.get(n) + " " + plural(names.get(key))));
    return joinAnd(parts);
  }

  private static List<Integer> all(List<SceneObject> objects) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      all.add(i);
    }
    return all;
  }

  private static String phrase(String relation, Random random) {
    List<String> phrases = Relation.parse(relation).phrases();
    return phrases.get(random.nextInt(phrases.size()));
  }

  private static String joinAnd(List<String> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1))
        + " and "
        + parts.get(parts.size() - 1);
  }

  /** "a dog", "an apple", "some beans" (CLDR names some things in the plural). */
  static String a(String noun) {
    if (isPlural(noun)) {
      return "some " + noun;
    }
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  /** "beans", "goggles", "skis", "french fries"; not "bus", "dress", "lotus", "tennis". */
  static boolean isPlural(String noun) {
    String last = noun.substring(noun.lastIndexOf(' ') + 1);
    return last.endsWith("s")
        && !last.endsWith("ss")
        && !last.endsWith("us")
        && !Set.of("tennis", "iris", "gas", "bus").contains(last)
        && last.length() > 3;
  }

  /** A plural good enough for emoji names: the last word takes s, es or ies. */
  static String plural(String noun) {
    Set<String> same = Set.of("sheep", "fish", "deer", "shrimp", "squid", "sushi", "rice");
    String[] words = noun.split(" ");
    String last = words[words.length - 1];
    String p;
    if (same.contains(last) || isPlural(noun)) {
      p = last;
    } else if (last.endsWith("s")
        || last.endsWith("x")
        || last.endsWith("ch")
        || last.endsWith("sh")) {
      p = last + "es";
    } else if (last.endsWith("y")
        && last.length() > 1
        && "aeiou".indexOf(last.charAt(last.length() - 2)) < 0) {
      p = last.substring(0, last.length() - 1) + "ies";
    } else {
      p = last + "s";
    }
    words[words.length - 1] = p;
    return String.join(" ", words);
  }
}
