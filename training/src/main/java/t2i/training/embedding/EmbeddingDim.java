package t2i.training.embedding;

import t2i.error.UserException;

/** The one check that text embeddings have the length the network they feed takes. */
public final class EmbeddingDim {
  private EmbeddingDim() {}

  /**
   * @param source what gives the embeddings (a run, a folder), for the message
   * @param consumer what takes them, for the message
   */
  public static void check(Object source, int length, Object consumer, int expected) {
    if (length != expected) {
      throw new UserException(
          source + " gives " + length + "-d text embeddings; " + consumer + " takes " + expected);
    }
  }
}
