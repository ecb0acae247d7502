package t2i.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import t2i.training.gan.GanModel;

/** {@code --embedding RUN}, for the commands that encode free text for a GAN. */
final class EmbeddingRunOption {
  @Option(
      names = "--embedding",
      paramLabel = "RUN",
      description = "The joint-embedding run (default: the one that made the GAN's embeddings).")
  Path run;

  /** The run given, else the one that made the GAN's training embeddings. */
  Path orDefault(GanModel gan) {
    return run != null ? run : gan.embeddingRun();
  }
}
