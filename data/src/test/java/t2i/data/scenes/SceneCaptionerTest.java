package t2i.data.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import t2i.data.scenes.CaptionFacts.RelationFact;

class SceneCaptionerTest {
  private static SceneObject object(String key, String name, Box box, double sizeFactor) {
    return new SceneObject(0, key, name, box, new boolean[64 * 64], 100, sizeFactor);
  }

  /** Scenes in which each relation, and several at once, hold. */
  private static List<List<SceneObject>> scenes() {
    return List.of(
        List.of(
            object("A", "red apple", new Box(0.05, 0.4, 0.2, 0.2), 1),
            object("B", "dog", new Box(0.6, 0.4, 0.2, 0.2), 1.5)),
        List.of(
            object("A", "airplane", new Box(0.4, 0.05, 0.2, 0.2), 0.7),
            object("B", "bus", new Box(0.4, 0.6, 0.3, 0.3), 1)),
        List.of(
            object("A", "fish", new Box(0.05, 0.05, 0.2, 0.2), 1),
            object("A", "fish", new Box(0.3, 0.5, 0.2, 0.2), 1),
            object("C", "boat", new Box(0.6, 0.7, 0.3, 0.2), 1.4),
            object("D", "sun", new Box(0.75, 0.02, 0.2, 0.2), 0.65)),
        List.of(object("A", "octopus", new Box(0.4, 0.4, 0.2, 0.2), 1)));
  }

  @Test
  void everyStatedFactHoldsOnTheBoxesForEveryTemplate() {
    SceneCaptioner captioner = new SceneCaptioner(5);
    Set<String> templates = new HashSet<>();
    Set<String> relationsStated = new HashSet<>();
    for (List<SceneObject> scene : scenes()) {
      for (Background background : Background.all()) {
        for (int seed = 0; seed < 20; seed++) {
          List<SceneCaption> captions = captioner.captions(scene, background, new Random(seed));
          assertEquals(5, captions.size());
          assertEquals(5, captions.stream().map(SceneCaption::text).distinct().count());
          for (SceneCaption c : captions) {
            assertTrue(SceneCaptioner.fitsAlphabet(c.text()), c.text());
            CaptionFacts f = c.facts();
            templates.add(f.template());
            for (RelationFact r : f.relations()) {
              relationsStated.add(r.relation());
              assertTrue(
                  Relation.parse(r.relation())
                      .holds(scene.get(r.subject()).box(), scene.get(r.object()).box()),
                  c.text() + ": " + r);
              assertTrue(f.objects().contains(r.subject()) && f.objects().contains(r.object()));
            }
            f.positions()
                .forEach(
                    p ->
                        assertEquals(
                            Region.of(scene.get(p.object()).box()).label(), p.region(), c.text()));
            f.sizes()
                .forEach(
                    s ->
                        assertEquals(
                            scene.get(s.object()).sizeWord().orElseThrow(), s.word(), c.text()));
            if (f.background() != null) {
              assertEquals(background.name(), f.background());
            }
            for (int i : f.objects()) {
              assertTrue(c.text().contains(scene.get(i).name().split(" ")[0]), c.text());
            }
          }
        }
      }
    }
    assertEquals(
        Set.of("relation", "two relations", "list", "count", "sizes", "position", "scene first"),
        templates);
    assertEquals(Set.of("left of", "right of", "above", "below"), relationsStated);
  }

  @Test
  void someCaptionsStateFewerRelationsThanHold() {
    List<SceneObject> scene = scenes().get(2);
    int holding = SceneCaptioner.holdingRelations(scene).size();
    List<Integer> stated = new ArrayList<>();
    for (int seed = 0; seed < 20; seed++) {
      for (SceneCaption c :
          new SceneCaptioner(5)
              .captions(scene, new Background(Background.Kind.BEACH, null), new Random(seed))) {
        stated.add(c.facts().relations().size());
      }
    }
    assertTrue(stated.stream().allMatch(n -> n < holding));
    assertFalse(stated.stream().allMatch(n -> n == 0));
  }

  @Test
  void countsAndPluralsReadNaturally() {
    List<SceneObject> scene = scenes().get(2);
    boolean sawTwoFish = false;
    for (int seed = 0; seed < 20; seed++) {
      for (SceneCaption c :
          new SceneCaptioner(5)
              .captions(scene, new Background(Background.Kind.PLAIN, "blue"), new Random(seed))) {
        sawTwoFish |= c.text().contains("two fish");
      }
    }
    assertTrue(sawTwoFish);
    assertEquals("red apples", SceneCaptioner.plural("red apple"));
    assertEquals("buses", SceneCaptioner.plural("bus"));
    assertEquals("cherries", SceneCaptioner.plural("cherry"));
    assertEquals("an octopus", SceneCaptioner.a("octopus"));
    assertEquals("some beans", SceneCaptioner.a("beans"));
    assertEquals("a bus", SceneCaptioner.a("bus"));
    assertEquals("some skis", SceneCaptioner.a("skis"));
    assertEquals("a tennis", SceneCaptioner.a("tennis"));
    assertEquals("two beans", "two " + SceneCaptioner.plural("beans"));
    assertEquals("pinata", SceneEmojiSelection.captionName("Piñata"));
    assertEquals("woman's boot", SceneEmojiSelection.captionName("woman\u2019s boot"));
  }
}
