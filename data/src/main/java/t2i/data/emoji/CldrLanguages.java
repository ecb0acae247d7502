package t2i.data.emoji;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import t2i.error.UserException;

/** The CLDR annotations of several languages, from the two pinned packages. */
final class CldrLanguages {
  private CldrLanguages() {}

  /**
   * Each language's annotations, in the order given.
   *
   * @throws UserException naming the languages the packages have, for a code they lack
   */
  static Map<String, CldrAnnotations> load(List<String> languages, Path annotations, Path derived) {
    Map<String, byte[]> files =
        Tarball.read(annotations, entry -> CldrAnnotations.languageOf(entry) != null);
    TreeSet<String> known = new TreeSet<>();
    files.keySet().forEach(entry -> known.add(CldrAnnotations.languageOf(entry)));
    for (String language : languages) {
      if (!known.contains(language)) {
        throw new UserException(
            "unknown language '"
                + language
                + "': the CLDR annotations have "
                + String.join(", ", known));
      }
    }
    Map<String, byte[]> derivedFiles =
        Tarball.read(
            derived,
            entry ->
                languages.stream().anyMatch(l -> entry.equals(CldrAnnotations.derivedPath(l))));
    Map<String, CldrAnnotations> out = new LinkedHashMap<>();
    for (String language : languages) {
      byte[] derivedJson = derivedFiles.get(CldrAnnotations.derivedPath(language));
      if (derivedJson == null) {
        throw new UserException(
            "the derived CLDR annotations lack " + CldrAnnotations.derivedPath(language));
      }
      out.put(
          language,
          CldrAnnotations.parse(language, files.get(CldrAnnotations.path(language)), derivedJson));
    }
    return out;
  }
}
