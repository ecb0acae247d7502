package t2i.serving.rest;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * A parsed JSON body and the charset its strings map back to bytes with. Requests must be UTF-8.
 * Responses may not be: TF Serving writes binary {@code DT_STRING} outputs whose names lack the
 * {@code _bytes} suffix as raw bytes, so a body that is not UTF-8 is read as ISO-8859-1, which maps
 * every byte to one character and back.
 *
 * <p>Parsing is Gson's lenient mode: it accepts TF Serving's {@code NaN} and {@code Infinity}
 * tokens (as strings) and rejects truncated or unbalanced documents and trailing garbage.
 */
record JsonDocument(JsonElement root, Charset strings) {
  /** A request body: UTF-8 or a 400. */
  static JsonDocument parseRequest(byte[] body) {
    if (body.length == 0) {
      throw ServingErrors.badRequest("JSON Parse error: The document is empty");
    }
    String text;
    try {
      text = strictUtf8().decode(ByteBuffer.wrap(body)).toString();
    } catch (MalformedInputException e) {
      throw ServingErrors.badRequest(
          "JSON Parse error: Invalid encoding in string: the body is not UTF-8 (binary strings"
              + " go in {\"b64\": ...})");
    } catch (CharacterCodingException e) {
      throw ServingErrors.badRequest("JSON Parse error: the body is not UTF-8");
    }
    return new JsonDocument(parse(text), StandardCharsets.UTF_8);
  }

  /** A response body: UTF-8 if it is, else ISO-8859-1. */
  static JsonDocument parseResponse(byte[] body) {
    Charset cs = StandardCharsets.UTF_8;
    String text;
    try {
      text = strictUtf8().decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      cs = StandardCharsets.ISO_8859_1;
      text = new String(body, cs);
    }
    if (text.isEmpty()) {
      throw ServingErrors.badRequest("JSON Parse error: The document is empty");
    }
    return new JsonDocument(parse(text), cs);
  }

  /** The bytes of a JSON string value of this document. */
  byte[] bytes(String value) {
    return value.getBytes(strings);
  }

  private static JsonElement parse(String text) {
    try {
      return JsonParser.parseString(text);
    } catch (JsonParseException | StackOverflowError e) {
      throw ServingErrors.badRequest("JSON Parse error: " + describe(e));
    }
  }

  private static String describe(Throwable e) {
    Throwable root = e.getCause() != null ? e.getCause() : e;
    String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    // Gson appends a troubleshooting link on a new line: keep the message one line.
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl);
    // Gson's advice to its own callers means nothing to a client.
    return m.replaceFirst(
        "Use JsonReader\\.setStrictness\\(.*?\\) to accept malformed JSON", "Malformed JSON");
  }

  private static CharsetDecoder strictUtf8() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }
}
