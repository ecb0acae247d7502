package t2i.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import t2i.training.embedding.CaptionEmbeddings;

/** How the trainers' {@code --embeddings NAME|DIR} is read. */
final class EmbeddingsFolders {
  private EmbeddingsFolders() {}

  /** A folder as given, else a name under {@code DATA/embeddings/} ({@code t2i embed --name}). */
  static Path resolve(Path data, String nameOrDir) {
    Path asGiven = Path.of(nameOrDir);
    if (nameOrDir.contains("/") || Files.isDirectory(asGiven)) {
      return asGiven;
    }
    return CaptionEmbeddings.folder(data, nameOrDir);
  }
}
