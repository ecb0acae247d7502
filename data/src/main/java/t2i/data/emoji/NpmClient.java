package t2i.data.emoji;

import java.io.IOException;
import java.nio.file.Path;

/** Downloads an npm package's tarball with the ordinary npm client. */
public interface NpmClient {
  /** Writes {@code npm pack}'s tarball of {@code pkg} into {@code destination}. */
  void pack(NpmPackage pkg, Path destination) throws IOException;
}
