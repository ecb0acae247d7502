package t2i.data.coco;

import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import t2i.error.UserException;

/**
 * Reads a {@code captions_*2014.json} in one streaming pass, keeping only the captions of the
 * wanted images, grouped by image id and ordered by caption id.
 */
final class CocoCaptions {
  private static final String HINT = CocoJson.UNPACK_ANNOTATIONS;

  private CocoCaptions() {}

  /**
   * @param listed every image id of the matching instances file; a caption for any other image
   *     means the two files do not belong together
   * @param wanted the images whose captions to keep
   */
  static Map<Long, List<String>> read(Path file, Set<Long> listed, Set<Long> wanted) {
    Map<Long, TreeMap<Long, String>> byImage = new HashMap<>();
    boolean[] seen = {false};
    CocoJson.parse(
        file,
        HINT,
        json -> {
          CocoJson.readObject(
              json,
              (name, j) -> {
                if (name.equals("annotations")) {
                  seen[0] = true;
                  CocoJson.readArray(j, c -> readCaption(c, file, listed, wanted, byImage));
                } else {
                  j.skipValue();
                }
              });
          return null;
        });
    if (!seen[0]) {
      throw new UserException(file + " has no \"annotations\" list: is it a captions file?");
    }
    Map<Long, List<String>> captions = new HashMap<>();
    byImage.forEach((image, byId) -> captions.put(image, new ArrayList<>(byId.values())));
    return captions;
  }

  private static Void readCaption(
      JsonReader json,
      Path file,
      Set<Long> listed,
      Set<Long> wanted,
      Map<Long, TreeMap<Long, String>> byImage)
      throws IOException {
    Long[] ids = {null, null};
    String[] caption = {null};
    CocoJson.readObject(
        json,
        (name, j) -> {
          switch (name) {
            case "id" -> ids[0] = j.nextLong();
            case "image_id" -> ids[1] = j.nextLong();
            case "caption" -> caption[0] = j.nextString();
            default -> j.skipValue();
          }
        });
    if (ids[0] == null || ids[1] == null || caption[0] == null) {
      throw new UserException(file + ": caption " + ids[0] + " lacks id, image_id or caption text");
    }
    if (!listed.contains(ids[1])) {
      throw new UserException(
          file
              + ": caption "
              + ids[0]
              + " is for image "
              + ids[1]
              + ", which the instances file does not list: are both from the same half of COCO?");
    }
    String text = caption[0].strip();
    if (wanted.contains(ids[1]) && !text.isEmpty()) {
      if (byImage.computeIfAbsent(ids[1], k -> new TreeMap<>()).put(ids[0], text) != null) {
        throw new UserException(file + ": caption id " + ids[0] + " is listed twice");
      }
    }
    return null;
  }
}
