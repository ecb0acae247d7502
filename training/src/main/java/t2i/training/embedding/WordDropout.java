package t2i.training.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Caption-side noise for the joint embedding: each word of a caption is dropped with probability p,
 * keeping at least one, so the text encoder cannot lean on a single name and learns from the other
 * words too (colours, shapes, generic nouns), which unseen classes share.
 */
final class WordDropout {
  private WordDropout() {}

  static String[] apply(String[] captions, double p, SplittableRandom random) {
    String[] out = new String[captions.length];
    for (int i = 0; i < captions.length; i++) {
      out[i] = apply(captions[i], p, random);
    }
    return out;
  }

  static String apply(String caption, double p, SplittableRandom random) {
    String[] words = caption.trim().split("\\s+");
    List<String> kept = new ArrayList<>(words.length);
    for (String w : words) {
      if (random.nextDouble() >= p) {
        kept.add(w);
      }
    }
    if (kept.isEmpty()) {
      kept.add(words[random.nextInt(words.length)]);
    }
    return String.join(" ", kept);
  }
}
