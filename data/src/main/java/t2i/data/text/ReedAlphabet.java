package t2i.data.text;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * The character encoding of Reed et al.'s char-CNN-RNN (docs/papers.md#character-encoding): 70
 * symbols, ids 1..70 in the order of {@link #SYMBOLS}, 0 for padding. Encoding:
 *
 * <ol>
 *   <li>ASCII letters are lowercased ({@code A-Z} only, so the exported graph can do the same with
 *       {@code tf.strings.lower});
 *   <li>characters not in the alphabet are dropped (non-ASCII letters, digits of other scripts,
 *       emoji, tabs and newlines);
 *   <li>the first {@link #MAX_LENGTH} kept characters are kept, the rest cut off;
 *   <li>shorter text is padded with 0 at the end.
 * </ol>
 *
 * <p>Empty text and text with only unknown characters therefore encode to all padding, which the
 * network sees as an all-zero one-hot input. {@code '-'} appears twice in Reed's alphabet; as in
 * the reference code (a Lua table filled in order) the later position wins, so id 37 is never
 * produced and {@code '-'} encodes to 60.
 */
public final class ReedAlphabet {
  /** Reed's alphabet, in id order (id = index + 1). */
  public static final String SYMBOLS =
      "abcdefghijklmnopqrstuvwxyz0123456789-,;.!?:'\"/\\|_@#$%^&*~`+-=<>()[]{} ";

  /** Number of symbols: one-hot depth. */
  public static final int SIZE = 70;

  /** Characters per caption. */
  public static final int MAX_LENGTH = 201;

  public static final int PAD = 0;

  private static final int[] ID_OF_ASCII = new int[128];

  static {
    if (SYMBOLS.length() != SIZE) {
      throw new AssertionError("alphabet has " + SYMBOLS.length() + " symbols");
    }
    for (int i = 0; i < SYMBOLS.length(); i++) {
      ID_OF_ASCII[SYMBOLS.charAt(i)] = i + 1;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      ID_OF_ASCII[c] = ID_OF_ASCII[Character.toLowerCase(c)];
    }
  }

  private ReedAlphabet() {}

  /** The id of one character after lowercasing, or {@link #PAD} if it is not in the alphabet. */
  public static int id(int codePoint) {
    return codePoint >= 0 && codePoint < 128 ? ID_OF_ASCII[codePoint] : PAD;
  }

  /** Encodes {@code text} into a new array of {@link #MAX_LENGTH} ids. */
  public static int[] encode(String text) {
    int[] ids = new int[MAX_LENGTH];
    encodeInto(text, ids, 0);
    return ids;
  }

  /**
   * Encodes {@code text} into {@code out[offset, offset + MAX_LENGTH)}, overwriting every slot.
   *
   * @return the number of characters kept (before padding)
   */
  public static int encodeInto(String text, int[] out, int offset) {
    int n = 0;
    for (int i = 0; i < text.length() && n < MAX_LENGTH; i++) {
      int id = id(text.charAt(i));
      if (id != PAD) {
        out[offset + n++] = id;
      }
    }
    Arrays.fill(out, offset + n, offset + MAX_LENGTH, PAD);
    return n;
  }

  /**
   * Free text rewritten into the alphabet, for datasets whose captions people wrote (COCO): accents
   * dropped ("café" → "cafe"), curly quotes straightened, lower-cased, every other character
   * outside the alphabet (tabs, newlines, other scripts, emoji) replaced by a space so that words
   * never run together as {@link #encode} would join them, runs of spaces collapsed, and text
   * longer than {@link #MAX_LENGTH} cut at its last space within the limit (mid-word only when
   * there is none). {@link #encode} keeps every character of the result.
   */
  public static String normalise(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    s = s.replace('\u2019', '\'').replace('\u2018', '\'').toLowerCase(Locale.ROOT);
    StringBuilder kept = new StringBuilder(s.length());
    s.codePoints().forEach(c -> kept.append(SYMBOLS.indexOf(c) >= 0 ? (char) c : ' '));
    String out = kept.toString().replaceAll(" {2,}", " ").strip();
    if (out.length() > MAX_LENGTH) {
      int space = out.lastIndexOf(' ', MAX_LENGTH);
      out = out.substring(0, space > 0 ? space : MAX_LENGTH).strip();
    }
    return out;
  }

  /** The text an id sequence stands for (lowercase, unknown characters gone, padding ignored). */
  public static String decode(int[] ids) {
    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      if (id < 0 || id > SIZE) {
        throw new IllegalArgumentException("id " + id + " is outside 0.." + SIZE);
      }
      if (id != PAD) {
        sb.append(SYMBOLS.charAt(id - 1));
      }
    }
    return sb.toString();
  }
}
