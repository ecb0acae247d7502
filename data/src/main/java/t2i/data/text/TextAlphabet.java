package t2i.data.text;

import com.google.gson.annotations.SerializedName;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What the character encoder reads: Reed's 70 symbols, or UTF-8 bytes of any script. */
public enum TextAlphabet {
  /** Reed et al.'s 70 symbols ({@link ReedAlphabet}); everything else is dropped. */
  @SerializedName("reed70")
  REED70("reed70", ReedAlphabet.SIZE),
  /** Normalised UTF-8 bytes ({@link Utf8Text}): every language, nothing dropped. */
  @SerializedName("utf8")
  UTF8("utf8", Utf8Text.SIZE);

  private final String id;
  private final int size;

  TextAlphabet(String id, int size) {
    this.id = id;
    this.size = size;
  }

  /** The alphabet called {@code id} (reed70, utf8). */
  public static TextAlphabet of(String id) {
    return Arrays.stream(values())
        .filter(a -> a.id.equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "text alphabet must be "
                        + Arrays.stream(values())
                            .map(TextAlphabet::toString)
                            .collect(Collectors.joining(" or "))
                        + "; was "
                        + id));
  }

  /** One-hot depth: ids run 1..size, 0 is padding. */
  public int size() {
    return size;
  }

  /** Ids per caption. */
  public int maxLength() {
    return ReedAlphabet.MAX_LENGTH;
  }

  /** Encodes {@code text} into {@code out[offset, offset + maxLength())}, padding with 0. */
  public int encodeInto(String text, int[] out, int offset) {
    return this == REED70
        ? ReedAlphabet.encodeInto(text, out, offset)
        : Utf8Text.encodeInto(text, out, offset);
  }

  public int[] encode(String text) {
    int[] ids = new int[maxLength()];
    encodeInto(text, ids, 0);
    return ids;
  }

  @Override
  public String toString() {
    return id;
  }
}
