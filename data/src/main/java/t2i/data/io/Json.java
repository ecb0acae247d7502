package t2i.data.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import t2i.error.UserException;

/** The project's one JSON configuration: pretty, stable, records supported. */
public final class Json {
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

  private Json() {}

  public static Gson gson() {
    return GSON;
  }

  public static void write(Path file, Object value) throws IOException {
    Files.writeString(file, GSON.toJson(value) + "\n", StandardCharsets.UTF_8);
  }

  public static <T> T read(Path file, Class<T> type) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      T value = GSON.fromJson(r, type);
      if (value == null) {
        throw new UserException(file + " is empty");
      }
      return value;
    } catch (UserException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Gson reports bad JSON as JsonParseException and a record constructor's check as a
      // RuntimeException wrapping it.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new UserException("cannot read " + file + ": " + cause.getMessage(), e);
    }
  }
}
