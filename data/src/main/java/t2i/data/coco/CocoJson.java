package t2i.data.coco;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import t2i.error.UserException;

/** Streaming reads of one COCO JSON file, with malformed input reported as one line. */
final class CocoJson {
  /** What to do when an annotation file is missing. */
  static final String UNPACK_ANNOTATIONS =
      "unpack annotations_trainval2014.zip into the COCO folder";

  /** Reads a file from its first token. */
  interface Body<T> {
    T read(JsonReader json) throws IOException;
  }

  /** Handles one field of an object; the reader is positioned at the value, which must be read. */
  interface FieldHandler {
    void field(String name, JsonReader json) throws IOException;
  }

  private CocoJson() {}

  static <T> T parse(Path file, String unpackHint, Body<T> body) {
    if (!Files.isRegularFile(file)) {
      throw new UserException("missing " + file + " (" + unpackHint + ")");
    }
    try (JsonReader json = new JsonReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
      try {
        return body.read(json);
      } catch (MalformedJsonException
          | EOFException
          | IllegalStateException
          | NumberFormatException e) {
        String message = firstLine(e.getMessage());
        if (!message.contains(" path $")) {
          message += " at path " + json.getPath();
        }
        throw new UserException(file + " is malformed JSON: " + message, e);
      }
    } catch (IOException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads an object, passing each field to the handler. */
  static void readObject(JsonReader json, FieldHandler handler) throws IOException {
    json.beginObject();
    while (json.hasNext()) {
      handler.field(json.nextName(), json);
    }
    json.endObject();
  }

  /** Reads an array of objects, each with a fresh call to {@code perElement}. */
  static void readArray(JsonReader json, Body<?> perElement) throws IOException {
    json.beginArray();
    while (json.hasNext()) {
      perElement.read(json);
    }
    json.endArray();
  }

  static double[] readDoubles(JsonReader json) throws IOException {
    double[] values = new double[16];
    int n = 0;
    json.beginArray();
    while (json.hasNext()) {
      if (n == values.length) {
        values = Arrays.copyOf(values, 2 * n);
      }
      values[n++] = json.nextDouble();
    }
    json.endArray();
    return Arrays.copyOf(values, n);
  }

  static int[] readInts(JsonReader json) throws IOException {
    int[] values = new int[16];
    int n = 0;
    json.beginArray();
    while (json.hasNext()) {
      if (n == values.length) {
        values = Arrays.copyOf(values, 2 * n);
      }
      values[n++] = json.nextInt();
    }
    json.endArray();
    return Arrays.copyOf(values, n);
  }

  static boolean isArray(JsonReader json) throws IOException {
    return json.peek() == JsonToken.BEGIN_ARRAY;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unexpected end";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
