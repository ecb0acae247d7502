package t2i.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The error lines TensorFlow logs while a SavedModel is loaded and each of its signatures called
 * once ({@link SignatureCallProbe}). TensorFlow's native code logs to the process's stderr file
 * descriptor, not to {@code System.err}, so the model is loaded in a child JVM whose stderr is
 * read.
 */
final class TensorFlowErrorLog {
  /**
   * An error or fatal line in either of TensorFlow's formats: absl's ({@code E0000
   * 00:00:1796055111.532014 24289 meta_optimizer.cc:966] ...}) and TF's own ({@code 2026-11-30
   * 16:11:51.515596: E tensorflow/core/...cc:135] ...}).
   */
  private static final Pattern ERROR_LINE =
      Pattern.compile(
          "^([EF]\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+ +\\d+ \\S+:\\d+\\]"
              + "|\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: [EF] \\S+:\\d+\\]).*");

  private TensorFlowErrorLog() {}

  /**
   * The error lines of loading {@code model} and calling its signatures; {@code work} a scratch
   * folder.
   */
  static List<String> whenServing(Path model, Path work) throws Exception {
    Files.createDirectories(work);
    Path out = work.resolve("out.txt");
    Path err = work.resolve("err.txt");
    ProcessBuilder child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SignatureCallProbe.class.getName(),
                model.toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    // Errors are logged at every level below 3; a level inherited from the caller could hide them.
    child.environment().put("TF_CPP_MIN_LOG_LEVEL", "0");
    Process p = child.start();
    boolean finished = p.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly();
    }
    assertTrue(finished, "the probe JVM did not finish in 120 s");
    String stderr = Files.readString(err);
    assertEquals(0, p.exitValue(), Files.readString(out) + stderr);
    return errorLines(stderr);
  }

  static List<String> errorLines(String log) {
    return log.lines().filter(l -> ERROR_LINE.matcher(l).matches()).toList();
  }
}
