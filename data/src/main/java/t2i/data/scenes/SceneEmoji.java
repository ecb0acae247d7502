package t2i.data.scenes;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Map;

/**
 * An emoji that scenes can show.
 *
 * @param key its code points ({@code 1F34E}): the fine label stored with each object
 * @param name what captions call it, within Reed's alphabet ({@code red apple})
 * @param classId index of its class in the class list
 * @param art its art by style
 */
public record SceneEmoji(String key, String name, int classId, Map<String, Sprite> art) {
  public SceneEmoji {
    checkArgument(!name.isBlank(), "emoji %s has no caption name", key);
    art = Map.copyOf(art);
  }
}
