package t2i.serving.rest;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes JSON as bytes where a string's value is exactly the bytes given: TF Serving writes a
 * {@code DT_STRING} element byte for byte into the JSON string (escaping only quotes, backslashes
 * and control characters), so binary strings make a body that is not UTF-8. Every character goes
 * out as one ISO-8859-1 byte; text is passed as its UTF-8 bytes. The text is collected in memory
 * and turned into bytes once, at the end.
 */
final class JsonBytesWriter {
  private final StringBuilder text = new StringBuilder(1 << 10);
  private final JsonWriter json = new JsonWriter(new StringBuilderWriter(text));

  JsonBytesWriter() {
    json.setHtmlSafe(false);
  }

  /** Bytes seen as ISO-8859-1 characters, so that the writer puts each back as that byte. */
  static String latin1(byte[] raw) {
    return new String(raw, StandardCharsets.ISO_8859_1);
  }

  static String latin1(String text) {
    return latin1(text.getBytes(StandardCharsets.UTF_8));
  }

  JsonBytesWriter beginObject() {
    return run(() -> json.beginObject());
  }

  JsonBytesWriter endObject() {
    return run(() -> json.endObject());
  }

  JsonBytesWriter beginArray() {
    return run(() -> json.beginArray());
  }

  JsonBytesWriter endArray() {
    return run(() -> json.endArray());
  }

  JsonBytesWriter name(String text) {
    return run(() -> json.name(latin1(text)));
  }

  JsonBytesWriter text(String text) {
    return run(() -> json.value(latin1(text)));
  }

  /** A JSON string holding these exact bytes. */
  JsonBytesWriter rawBytes(byte[] value) {
    return run(() -> json.value(latin1(value)));
  }

  /** {@code {"b64": "..."}}, standard alphabet with padding, as TF Serving writes it. */
  JsonBytesWriter base64(byte[] value) {
    return beginObject().name("b64").text(Base64.getEncoder().encodeToString(value)).endObject();
  }

  /** A number (or {@code NaN}, {@code Infinity}) written as given. */
  JsonBytesWriter number(String literal) {
    return run(() -> json.jsonValue(literal));
  }

  /** A value (a number, a list of them, ...) already written as JSON text, ISO-8859-1 only. */
  JsonBytesWriter rawJson(String json) {
    return number(json);
  }

  JsonBytesWriter bool(boolean value) {
    return run(() -> json.value(value));
  }

  byte[] toBytes() {
    run(json::flush);
    return text.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** An unsynchronised {@link java.io.StringWriter}. */
  private static final class StringBuilderWriter extends Writer {
    private final StringBuilder out;

    StringBuilderWriter(StringBuilder out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      out.append(chars, offset, length);
    }

    @Override
    public void write(String s, int offset, int length) {
      out.append(s, offset, offset + length);
    }

    @Override
    public void write(int c) {
      out.append((char) c);
    }

    @Override
    public Writer append(CharSequence s) {
      out.append(s);
      return this;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private interface Step {
    void run() throws IOException;
  }

  private JsonBytesWriter run(Step step) {
    try {
      step.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }
}
