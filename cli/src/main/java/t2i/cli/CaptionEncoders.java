package t2i.cli;

import java.nio.file.Path;
import t2i.training.embedding.CaptionEncoder;
import t2i.training.embedding.EmbeddingModel;
import t2i.training.layout.BoxesTrainer;
import t2i.training.layout.LayoutModel;
import t2i.training.run.RunDirectory;

/** The caption encoder of a run: a joint embedding's text encoder, or a box run's own. */
final class CaptionEncoders {
  private CaptionEncoders() {}

  static CaptionEncoder load(Path run, int threads) {
    String kind = RunDirectory.kindOf(run, "`t2i train embedding` or `t2i train boxes`");
    return kind.equals(BoxesTrainer.KIND)
        ? LayoutModel.load(run, threads)
        : EmbeddingModel.load(run, threads);
  }
}
