package t2i.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.serving.testing.StandInModels;

/** {@code t2i bench serve} on the stand-in model with a few requests: what it prints, not times. */
class BenchServeCommandTest {
  @TempDir static Path dir;
  static Path models;

  static CliRun t2i(String... args) {
    return CliRun.of(args);
  }

  @BeforeAll
  static void models() {
    models = dir.resolve("export");
    StandInModels.text2image(models, 1);
    StandInModels.echo(models); // another model in the folder is left alone
  }

  static final Pattern ROW =
      Pattern.compile(
          "(?m)^(in-process|rest) +(\\d+) +([0-9.]+) +([0-9.]+) +([0-9.]+) +([0-9.]+) +([0-9.]+)$");

  @Test
  void printsARowPerBackendAndBatchWithRatiosBodiesAndMachine() {
    CliRun r =
        t2i(
            "bench",
            "serve",
            "--model",
            models.toString(),
            "--requests",
            "3",
            "--warmup",
            "1",
            "--batches",
            "1,2");
    assertEquals(0, r.exit(), r.err());
    List<String> rows = new ArrayList<>();
    Matcher m = ROW.matcher(r.out());
    while (m.find()) {
      rows.add(m.group(1) + " " + m.group(2));
      double p50 = Double.parseDouble(m.group(3));
      double p99 = Double.parseDouble(m.group(4));
      assertTrue(p50 > 0 && p50 <= p99, m.group());
      assertTrue(Double.parseDouble(m.group(6)) > 0, m.group());
    }
    assertEquals(List.of("in-process 1", "rest 1", "in-process 2", "rest 2"), rows, r.out());
    assertTrue(r.out().contains("model       text2image version 1"), r.out());
    assertTrue(r.out().contains("3 timed per row after 1 warm-up; 1 in flight at once"), r.out());
    for (String batch : new String[] {"1", "2"}) {
      assertTrue(
          Pattern.compile("(?m)^  batch " + batch + " +[0-9.]+x +[0-9.]+x +([0-9.]+x|n/a)$")
              .matcher(r.out())
              .find(),
          r.out());
      assertTrue(
          r.out()
              .contains(
                  "check       batch "
                      + batch
                      + ": REST and in-process answers to the same request are identical"),
          r.out());
    }
    Matcher bodies =
        Pattern.compile("(?m)^  batch (\\d+) +request ([0-9,]+) B, response ([0-9,]+) B")
            .matcher(r.out());
    List<Long> responses = new ArrayList<>();
    while (bodies.find()) {
      responses.add(Long.parseLong(bodies.group(3).replace(",", "")));
    }
    assertEquals(2, responses.size(), r.out());
    // 64x64x3 numbers per image: the response grows with the batch.
    assertTrue(responses.get(0) > 64 * 64 * 3 && responses.get(1) > responses.get(0), r.out());
    assertTrue(r.out().contains("machine     "), r.out());
    assertTrue(r.err().contains("rest batch 2: timed, 3 requests in"), r.err());
  }

  @Test
  void concurrentClientsAndThreadsRun() {
    CliRun r =
        t2i(
            "bench",
            "serve",
            "--model",
            models.toString(),
            "--requests",
            "4",
            "--warmup",
            "0",
            "--batches",
            "2",
            "--concurrency",
            "2",
            "--threads",
            "1");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("2 in flight at once; TensorFlow threads: 1"), r.out());
    Matcher m = ROW.matcher(r.out());
    int rows = 0;
    while (m.find()) {
      rows++;
    }
    assertEquals(2, rows, r.out());
  }

  @Test
  void benchListsServeBesideItsOwnSubcommands() {
    CliRun r = t2i("bench", "--help");
    assertEquals(0, r.exit());
    for (String sub : new String[] {"data", "train", "serve"}) {
      assertTrue(Pattern.compile("(?m)^  " + sub + " ").matcher(r.out()).find(), r.out());
    }
    CliRun help = t2i("bench", "serve", "--help");
    for (String option :
        new String[] {"--model", "--requests", "--warmup", "--batches", "--concurrency"}) {
      assertTrue(help.out().contains(option), help.out());
    }
  }

  @Test
  void mistakesAreOneLineErrors() {
    CliRun missing = t2i("bench", "serve", "--model", dir.resolve("missing").toString());
    assertEquals(1, missing.exit(), missing.err());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
    assertTrue(missing.err().startsWith("t2i: error: no text2image model in"), missing.err());
    // Out-of-range values are usage errors, found while parsing: the error and where help is.
    String[][] usage = {
      {"bench", "serve", "--model", models.toString(), "--requests", "0"},
      {"bench", "serve", "--model", models.toString(), "--batches", "1,0"},
    };
    for (String[] args : usage) {
      CliRun r = t2i(args);
      assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.err().startsWith("t2i: error: Invalid value for option '--"), r.err());
      assertTrue(r.err().contains("must be >= 1, was 0"), r.err());
      assertEquals(2, r.err().strip().lines().count(), r.err());
    }
  }
}
