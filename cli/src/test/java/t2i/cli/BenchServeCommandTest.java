package t2i.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import t2i.serving.bench.ServeBenchmark;
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

  static final String NUMBER = " +\\| +([0-9.]+)";

  /** backend, signature, batch, p50, p99, mean, images/s, cpu ms. */
  static final Pattern ROW =
      Pattern.compile(
          "(?m)^\\| (in-process|rest|grpc) +\\| (full|png) +\\| +(\\d+)"
              + NUMBER.repeat(5)
              + " +\\|$");

  /** backend, batching, clients, requests, images/s, p50, p99, runs/request, cpu ms. */
  static final Pattern CLIENT_ROW =
      Pattern.compile(
          "(?m)^\\| (in-process|rest|grpc) +\\| (on|off) +\\| +(\\d+) +\\| +(\\d+)"
              + NUMBER.repeat(5)
              + " +\\|$");

  @Test
  void printsARowPerBackendSignatureAndBatchWithRatiosSizesAndMachine() {
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
            "1,2",
            "--client-seconds",
            "0");
    assertEquals(0, r.exit(), r.err());
    List<String> rows = new ArrayList<>();
    Matcher m = ROW.matcher(r.out());
    while (m.find()) {
      rows.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
      double p50 = Double.parseDouble(m.group(4));
      double p99 = Double.parseDouble(m.group(5));
      assertTrue(p50 > 0 && p50 <= p99, m.group());
      assertTrue(Double.parseDouble(m.group(7)) > 0, m.group());
    }
    List<String> expected = new ArrayList<>();
    for (String batch : new String[] {"1", "2"}) {
      for (String signature : new String[] {"full", "png"}) {
        for (String backend : new String[] {"in-process", "rest", "grpc"}) {
          expected.add(backend + " " + signature + " " + batch);
        }
      }
    }
    assertEquals(expected, rows, r.out());
    assertTrue(r.out().contains("model       text2image version 1"), r.out());
    assertTrue(
        r.out().contains("One client, one request at a time: 3 timed requests per row after 1"),
        r.out());
    assertTrue(r.out().contains("workers each (the default: one per core, at least 2)"), r.out());
    for (String batch : new String[] {"1", "2"}) {
      for (String signature : new String[] {"full", "png"}) {
        for (String backend : new String[] {"rest", "grpc"}) {
          String ratio =
              "(?m)^\\| "
                  + backend
                  + " / in-process +\\| "
                  + signature
                  + " +\\| +"
                  + batch
                  + " +\\| +[0-9.]+x +\\| +[0-9.]+x +\\| +([0-9.]+x|n/a) +\\|$";
          assertTrue(Pattern.compile(ratio).matcher(r.out()).find(), ratio + "\n" + r.out());
        }
      }
    }
    assertTrue(
        r.out()
            .contains(
                "check       REST and gRPC answers to the same request are identical to"
                    + " in-process, for every signature and batch"),
        r.out());
    Matcher sizes =
        Pattern.compile("(?m)^\\| (full|png) +\\| +(\\d+) +\\| +([0-9,]+) B +\\| +([0-9,]+) B")
            .matcher(r.out());
    List<Long> fullResponses = new ArrayList<>();
    List<Long> pngResponses = new ArrayList<>();
    while (sizes.find()) {
      long response = Long.parseLong(sizes.group(4).replace(",", ""));
      (sizes.group(1).equals("full") ? fullResponses : pngResponses).add(response);
    }
    assertEquals(2, fullResponses.size(), r.out());
    assertEquals(2, pngResponses.size(), r.out());
    // 64x64x3 numbers per image: the full response grows with the batch; PNGs are far smaller.
    assertTrue(
        fullResponses.get(0) > 64 * 64 * 3 && fullResponses.get(1) > fullResponses.get(0), r.out());
    assertTrue(pngResponses.get(1) * 5 < fullResponses.get(1), r.out());
    assertFalse(r.out().contains("Concurrent clients"), r.out());
    assertTrue(r.out().contains("machine     "), r.out());
    assertTrue(r.err().contains("grpc png batch 2: timed, 3 requests in"), r.err());
  }

  @Test
  void concurrentClientsWithBatchingOffAndOn() {
    CliRun r =
        t2i(
            "bench",
            "serve",
            "--model",
            models.toString(),
            "--requests",
            "1",
            "--warmup",
            "0",
            "--batches",
            "1",
            "--signatures",
            "png",
            "--clients",
            "1,3",
            "--client-seconds",
            "0.3",
            "--client-warmup-seconds",
            "0.05",
            "--max-batch-size",
            "3",
            "--batch-timeout-ms",
            "50",
            "--threads",
            "1");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("TensorFlow threads: 1"), r.out());
    assertTrue(
        r.out()
            .contains(
                "Concurrent clients: each sends single-image requests (batch 1, signature png)"
                    + " back to back for 0.3 s per row, after 0.05 s of warm-up"),
        r.out());
    assertTrue(r.out().contains("on: up to 3 images per model run"), r.out());
    Matcher m = CLIENT_ROW.matcher(r.out());
    List<String> rows = new ArrayList<>();
    while (m.find()) {
      String backend = m.group(1);
      boolean batching = m.group(2).equals("on");
      int clients = Integer.parseInt(m.group(3));
      rows.add(backend + " " + m.group(2) + " " + clients);
      assertTrue(Integer.parseInt(m.group(4)) >= clients, m.group());
      double p50 = Double.parseDouble(m.group(6));
      assertTrue(p50 > 0 && p50 <= Double.parseDouble(m.group(7)), m.group());
      double runsPerRequest = Double.parseDouble(m.group(8));
      if (batching) {
        assertTrue(runsPerRequest > 0 && runsPerRequest <= 1, m.group());
        if (clients == 3) {
          assertTrue(runsPerRequest < 0.8, "three clients fill batches of three: " + m.group());
        }
      } else {
        assertEquals(1.0, runsPerRequest, m.group());
      }
    }
    List<String> expected = new ArrayList<>();
    for (String clients : new String[] {"1", "3"}) {
      for (String batching : new String[] {"off", "on"}) {
        for (String backend : new String[] {"in-process", "rest", "grpc"}) {
          expected.add(backend + " " + batching + " " + clients);
        }
      }
    }
    assertEquals(expected, rows, r.out());
    assertTrue(r.out().contains("| backend    | 1 client | 3 clients |"), r.out());
    for (String backend : new String[] {"in-process", "rest", "grpc"}) {
      assertTrue(
          Pattern.compile("(?m)^\\| " + backend + " +\\| +[0-9.]+x +\\| +[0-9.]+x +\\|$")
              .matcher(r.out())
              .find(),
          r.out());
    }
    assertTrue(r.err().contains("rest, batching on, 3 clients: timed,"), r.err());
  }

  @Test
  void theDefaultsAreTheBenchmarks() {
    BenchServeCommand command = new BenchServeCommand();
    new CommandLine(command).parseArgs("--model", models.toString());
    assertEquals(ServeBenchmark.Options.defaults(), command.options());
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
        new String[] {
          "--model",
          "--requests",
          "--warmup",
          "--batches",
          "--signatures",
          "--clients",
          "--client-seconds",
          "--client-warmup-seconds",
          "--client-signature",
          "--max-batch-size",
          "--batch-timeout-ms",
          "--threads"
        }) {
      assertTrue(help.out().contains(option), help.out());
    }
    assertFalse(help.out().contains("--concurrency"), help.out());
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
      {"bench", "serve", "--model", models.toString(), "--clients", "4,0"},
    };
    for (String[] args : usage) {
      CliRun r = t2i(args);
      assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.err().startsWith("t2i: error: Invalid value for option '--"), r.err());
      assertTrue(r.err().contains("must be >= 1, was 0"), r.err());
      assertEquals(2, r.err().strip().lines().count(), r.err());
    }
    CliRun seconds = t2i("bench", "serve", "--model", models.toString(), "--client-seconds", "-1");
    assertEquals(2, seconds.exit(), seconds.err());
    assertTrue(seconds.err().contains("must be a number >= 0, was -1"), seconds.err());
    CliRun signature =
        t2i("bench", "serve", "--model", models.toString(), "--signatures", "full,gif");
    assertEquals(2, signature.exit(), signature.err());
    assertTrue(
        signature.err().contains("unknown signature 'gif'; expected one of full, png"),
        signature.err());
    CliRun twice = t2i("bench", "serve", "--model", models.toString(), "--signatures", "png,png");
    assertEquals(2, twice.exit(), twice.err());
    assertTrue(twice.err().contains("--signatures names a signature twice"), twice.err());
    CliRun replaced = t2i("bench", "serve", "--model", models.toString(), "--concurrency", "4");
    assertEquals(2, replaced.exit(), replaced.err());
    assertTrue(
        replaced.err().startsWith("t2i: error: --concurrency was replaced by --clients"),
        replaced.err());
    assertEquals(2, replaced.err().strip().lines().count(), replaced.err());
  }
}
