package t2i.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;

/**
 * Runs {@code SavedModelProbe} (a test resource, compiled here) in a new JVM whose classpath holds
 * TensorFlow Java and nothing of this project: what a user with plain TF Java gets from an export.
 */
final class FreshJvmProbe {
  /** An output of the probe: its shape and values. */
  record Output(long[] shape, float[] values) {}

  private FreshJvmProbe() {}

  static Output call(Path work, Path model, List<String> texts, String output, Long seedBase)
      throws Exception {
    Files.createDirectories(work);
    Path source = work.resolve("SavedModelProbe.java");
    try (InputStream in = FreshJvmProbe.class.getResourceAsStream("SavedModelProbe.java.txt")) {
      Files.write(source, in.readAllBytes());
    }
    String tfClasspath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(
                p ->
                    p.contains("org/tensorflow")
                        || p.contains("org" + File.separator + "tensorflow")
                        || p.contains("javacpp")
                        || p.contains("protobuf-java"))
            .collect(Collectors.joining(File.pathSeparator));
    assertTrue(!tfClasspath.contains("t2i-"), "project classes leaked into " + tfClasspath);
    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-cp", tfClasspath, "-d", work.toString(), source.toString());
    assertEquals(0, compiled);
    Path textFile = work.resolve("texts.txt");
    Files.write(textFile, texts, StandardCharsets.UTF_8);
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                work + File.pathSeparator + tfClasspath,
                "SavedModelProbe",
                model.toString(),
                textFile.toString(),
                output));
    if (seedBase != null) {
      command.add(seedBase.toString());
    }
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(work.resolve("out.txt").toFile())
            .redirectError(work.resolve("err.txt").toFile())
            .start();
    boolean finished = p.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly();
    }
    assertTrue(finished, "the probe JVM did not finish in 120 s");
    String out = Files.readString(work.resolve("out.txt"));
    assertEquals(0, p.exitValue(), out + Files.readString(work.resolve("err.txt")));
    List<String> lines = out.lines().toList();
    long[] shape =
        Arrays.stream(lines.get(0).trim().split(" ")).mapToLong(Long::parseLong).toArray();
    float[] values = new float[lines.size() - 1];
    for (int i = 0; i < values.length; i++) {
      values[i] = Float.parseFloat(lines.get(i + 1));
    }
    return new Output(shape, values);
  }
}
