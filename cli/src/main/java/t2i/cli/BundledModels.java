package t2i.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import t2i.error.UserException;

/**
 * The pretrained models kept in the repository, {@code models/} beside the {@code t2i} launcher
 * (which passes its folder as the system property {@code t2i.home}; without it, {@code models/} in
 * the working directory).
 */
final class BundledModels {
  static final String HOME_PROPERTY = "t2i.home";

  static final String FOLDER = "models";

  private BundledModels() {}

  static Path folder() {
    String home = System.getProperty(HOME_PROPERTY);
    return home == null || home.isBlank() ? Path.of(FOLDER) : Path.of(home, FOLDER);
  }

  /** Whether the bundle holds {@code model}. */
  static boolean has(String model) {
    return Files.isDirectory(folder().resolve(model));
  }

  /** The bundle's folder, which must hold {@code model}. */
  static Path require(String model, String alternatives) {
    Path dir = folder();
    if (!has(model)) {
      throw new UserException("no bundled " + model + " model in " + dir + ": " + alternatives);
    }
    return dir;
  }
}
