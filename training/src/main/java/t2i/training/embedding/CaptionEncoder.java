package t2i.training.embedding;

import java.util.List;
import t2i.training.run.Checkpoint;

/**
 * A trained model that maps captions to fixed-size vectors: the joint embedding's φ(t), or the box
 * generator's own caption encoder. {@link CaptionEmbeddings} writes any of them for the trainers
 * that read precomputed caption embeddings.
 */
public interface CaptionEncoder extends AutoCloseable {
  /** Values per caption. */
  int dim();

  /** The checkpoint the encoder was restored from. */
  Checkpoint checkpoint();

  /** Each text's vector, row-major {@code [texts, dim]}. */
  float[] encodeTexts(List<String> texts);

  /** Releases the session. */
  @Override
  void close();
}
