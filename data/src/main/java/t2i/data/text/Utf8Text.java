package t2i.data.text;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lossless input of the {@code utf8} text encoder: normalised text as UTF-8 bytes, byte b
 * (1..255) as id b, 0 for padding, cut at {@link #MAX_LENGTH} bytes. UTF-8 reads every script with
 * 255 symbols and no out-of-vocabulary character, where a code-point alphabet would need tens of
 * thousands of one-hot positions for Chinese and Japanese alone; its cost is length (a Han
 * character is 3 bytes).
 *
 * <p>Normalisation, the same here and in the exported graph: each code point is replaced by its
 * NFKC form (full-width letters, ligatures, compatibility characters), and every code point of that
 * by {@code toLowerCase(toUpperCase(c))}, Unicode's simple case folding (Σ, σ and ς all become σ).
 * It works code point by code point: it applies NFKC's compatibility mappings but does not compose
 * sequences (a letter followed by a combining accent stays two code points), which text already in
 * NFC, such as CLDR's, never needs. A table of the code points whose form changes ({@link
 * #mappings}) drives both implementations.
 */
public final class Utf8Text {
  /** Bytes per caption, as Reed's characters. */
  public static final int MAX_LENGTH = ReedAlphabet.MAX_LENGTH;

  /** One-hot depth: byte values 1..255. */
  public static final int SIZE = 255;

  private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;

  private static volatile Mappings mappings;

  private Utf8Text() {}

  /**
   * The code points that normalisation changes, ascending, with what each becomes.
   *
   * @param codePoints ascending
   * @param replacements the normalised form of each
   */
  public record Mappings(int[] codePoints, String[] replacements) {}

  /** The normalised form of one code point. */
  public static String normalise(int codePoint) {
    String nfkc =
        Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(nfkc.length());
    nfkc.codePoints()
        .forEach(c -> out.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
    return out.toString();
  }

  /** The normalised text, code point by code point. */
  public static String normalise(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              int at = Arrays.binarySearch(mappings().codePoints(), c);
              if (at >= 0) {
                out.append(mappings().replacements()[at]);
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  /** Every code point (surrogates excepted) whose normalised form differs from itself. */
  public static Mappings mappings() {
    Mappings m = mappings;
    if (m == null) {
      synchronized (Utf8Text.class) {
        if (mappings == null) {
          List<Integer> points = new ArrayList<>();
          List<String> forms = new ArrayList<>();
          for (int c = 0; c <= MAX_CODE_POINT; c++) {
            if (Character.getType(c) == Character.SURROGATE
                || Character.getType(c) == Character.UNASSIGNED) {
              continue;
            }
            if (Character.toLowerCase(Character.toUpperCase(c)) == c
                && Normalizer.isNormalized(Character.toString(c), Normalizer.Form.NFKC)) {
              continue;
            }
            String form = normalise(c);
            if (form.length() != Character.charCount(c) || form.codePointAt(0) != c) {
              points.add(c);
              forms.add(form);
            }
          }
          mappings =
              new Mappings(
                  points.stream().mapToInt(Integer::intValue).toArray(),
                  forms.toArray(new String[0]));
        }
        m = mappings;
      }
    }
    return m;
  }

  /**
   * Encodes {@code text} into {@code out[offset, offset + MAX_LENGTH)}: the normalised text's UTF-8
   * bytes as ids, cut at {@link #MAX_LENGTH} bytes (even inside a character), padded with 0.
   *
   * @return the number of bytes kept
   */
  public static int encodeInto(String text, int[] out, int offset) {
    byte[] bytes = normalise(text).getBytes(StandardCharsets.UTF_8);
    int n = 0;
    for (int i = 0; i < bytes.length && n < MAX_LENGTH; i++) {
      out[offset + n++] = bytes[i] & 0xFF; // U+0000 stays a 0 in place, as in the graph
    }
    Arrays.fill(out, offset + n, offset + MAX_LENGTH, 0);
    return n;
  }
}
