package t2i.training;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import t2i.data.Dataset;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.text.TextAlphabet;
import t2i.data.text.Utf8Text;
import t2i.graph.Utf8CharsOp;

/**
 * {@code t2i data info --check-text}: the utf8 text encoding checked on every distinct caption of a
 * dataset, per caption language. The graph's encoding (what exported models run) against the Java
 * one (what training uses); the code-point-wise normalisation against NFKC of the whole text,
 * lower-cased; and how many captions are longer than the encoder reads.
 *
 * @param captions distinct captions of the language
 * @param graphDiffers captions whose in-graph ids differ from the Java ones
 * @param normalisationDiffers captions whose code-point-wise form differs from whole-text NFKC
 * @param cut captions longer than {@link Utf8Text#MAX_LENGTH} bytes once normalised
 */
public record TextEncodingCheck(int captions, int graphDiffers, int normalisationDiffers, int cut) {
  private static final int CHUNK = 4096;

  /** Per caption language, sorted by code. */
  public static Map<String, TextEncodingCheck> of(Dataset dataset) {
    Map<String, Set<String>> byLanguage = new TreeMap<>();
    for (Split split : Split.values()) {
      for (TextImageRecord r : dataset.read(split)) {
        for (int i = 0; i < r.captions().size(); i++) {
          byLanguage
              .computeIfAbsent(r.captionLanguages().get(i), k -> new LinkedHashSet<>())
              .add(r.captions().get(i));
        }
      }
    }
    return of(byLanguage);
  }

  /** Per language of {@code captions} (language → its distinct captions), sorted by code. */
  public static Map<String, TextEncodingCheck> of(Map<String, ? extends Set<String>> captions) {
    Map<String, TextEncodingCheck> out = new TreeMap<>();
    try (Graph g = new Graph();
        Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> text = tf.placeholder(TString.class);
      Operand<TInt32> ids = Utf8CharsOp.build(tf, text);
      captions.forEach(
          (language, distinct) ->
              out.put(language, check(session, text, ids, new ArrayList<>(distinct))));
    }
    return out;
  }

  private static TextEncodingCheck check(
      Session session, Placeholder<TString> text, Operand<TInt32> ids, List<String> captions) {
    int normalisation = 0;
    int cut = 0;
    for (String c : captions) {
      String normalised = Utf8Text.normalise(c);
      if (!Normalizer.normalize(c, Normalizer.Form.NFKC)
          .toLowerCase(Locale.ROOT)
          .equals(normalised)) {
        normalisation++;
      }
      if (normalised.getBytes(StandardCharsets.UTF_8).length > Utf8Text.MAX_LENGTH) {
        cut++;
      }
    }
    int graph = 0;
    for (int start = 0; start < captions.size(); start += CHUNK) {
      List<String> chunk = captions.subList(start, Math.min(captions.size(), start + CHUNK));
      try (TString in = TString.tensorOf(NdArrays.vectorOfObjects(chunk.toArray(new String[0])));
          Result r = session.runner().feed(text, in).fetch(ids).run()) {
        TInt32 out = (TInt32) r.get(0);
        for (int i = 0; i < chunk.size(); i++) {
          int[] java = TextAlphabet.UTF8.encode(chunk.get(i));
          for (int j = 0; j < java.length; j++) {
            if (out.getInt(i, j) != java[j]) {
              graph++;
              break;
            }
          }
        }
      }
    }
    return new TextEncodingCheck(captions.size(), graph, normalisation, cut);
  }

  /** A table for people, a line per language. */
  public static String format(Map<String, TextEncodingCheck> checks) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-9s %9s %14s %22s %18s%n",
            "language",
            "captions",
            "graph != Java",
            "!= whole-text NFKC",
            "over " + Utf8Text.MAX_LENGTH + " bytes"));
    checks.forEach(
        (language, c) ->
            sb.append(
                String.format(
                    Locale.ROOT,
                    "%-9s %,9d %,14d %,22d %,18d%n",
                    language,
                    c.captions(),
                    c.graphDiffers(),
                    c.normalisationDiffers(),
                    c.cut())));
    sb.append(
        "utf8 text encoding, per language over its distinct captions: the exported graph's ids"
            + " against the Java encoder's, the code-point-wise normalisation against NFKC of the"
            + " whole text lower-cased, and the captions the encoder cuts. The normalisation table"
            + " maps "
            + String.format(Locale.ROOT, "%,d", Utf8Text.mappings().codePoints().length)
            + " code points.\n");
    return sb.toString();
  }
}
