package t2i.serving.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.serving.bench.ServeBenchmark.ClientOptions;
import t2i.serving.bench.ServeBenchmark.Options;
import t2i.serving.bench.ServeBenchmarkResult.ClientRow;
import t2i.serving.bench.ServeBenchmarkResult.LatencyRow;
import t2i.serving.server.BatchingOptions;
import t2i.serving.testing.StandInModels;

/** The benchmark on the stand-in model with a few requests: which rows, and what they count. */
class ServeBenchmarkTest {
  @TempDir static Path dir;
  static Path models;
  static Path oldExport;

  static final List<Text2ImageSignature> BOTH =
      List.of(Text2ImageSignature.FULL, Text2ImageSignature.PNG);

  @BeforeAll
  static void models() {
    models = dir.resolve("export");
    StandInModels.text2image(models, 1);
    oldExport = dir.resolve("old");
    StandInModels.text2image(oldExport, 1, false);
  }

  static ClientOptions noClients() {
    return new ClientOptions(
        List.of(1),
        Duration.ZERO,
        Duration.ZERO,
        Text2ImageSignature.PNG,
        BatchingOptions.defaults());
  }

  static ServeBenchmarkResult run(Path dir, Options options) throws IOException {
    List<String> progress = new ArrayList<>();
    ServeBenchmarkResult r = new ServeBenchmark(dir, options, "test").run(progress::add);
    assertTrue(progress.get(0).startsWith("loading "), progress.toString());
    return r;
  }

  @Test
  void oneRowPerBackendSignatureAndBatchWithRatiosSizesAndChecks() throws IOException {
    ServeBenchmarkResult r = run(models, new Options(2, 1, List.of(1, 3), BOTH, 1, noClients()));
    List<String> rows = new ArrayList<>();
    for (LatencyRow row : r.rows()) {
      rows.add(row.batch() + " " + row.signature().label() + " " + row.backend().label());
      assertEquals(2, row.latencies().count());
      assertTrue(row.latencies().p50Millis() > 0, row.toString());
      assertTrue(row.latencies().p50Millis() <= row.latencies().p99Millis(), row.toString());
      assertTrue(row.imagesPerSecond() > 0, row.toString());
    }
    List<String> expected = new ArrayList<>();
    for (int batch : List.of(1, 3)) {
      for (String signature : List.of("full", "png")) {
        for (String backend : List.of("in-process", "rest", "grpc")) {
          expected.add(batch + " " + signature + " " + backend);
        }
      }
    }
    assertEquals(expected, rows);
    for (int batch : List.of(1, 3)) {
      for (Text2ImageSignature s : BOTH) {
        assertEquals(1.0, r.p50Ratio(Backend.IN_PROCESS, s, batch));
        for (Backend b : List.of(Backend.REST, Backend.GRPC)) {
          double ratio = r.p50Ratio(b, s, batch);
          assertTrue(ratio > 0 && Double.isFinite(ratio), b + " " + s + " " + batch);
        }
      }
    }
    assertEquals(4, r.sizes().size());
    for (MessageSizes m : r.sizes()) {
      assertTrue(m.grpcRequestBytes() > 0 && m.restRequestBytes() > 0, m.toString());
      if (m.signature() == Text2ImageSignature.FULL) {
        // 64x64x3 floats per image: 4 bytes each in protobuf, more as JSON text.
        assertTrue(m.grpcResponseBytes() > m.batch() * 64 * 64 * 3 * 4, m.toString());
        assertTrue(m.restResponseBytes() > m.grpcResponseBytes(), m.toString());
      }
    }
    MessageSizes full = r.sizes().get(0);
    MessageSizes png = r.sizes().get(1);
    assertEquals(Text2ImageSignature.PNG, png.signature());
    assertTrue(png.restResponseBytes() * 5 < full.restResponseBytes(), r.sizes().toString());
    assertTrue(png.grpcResponseBytes() * 5 < full.grpcResponseBytes(), r.sizes().toString());
    assertEquals(2 * 2 * 2, r.checks().size());
    r.checks().forEach(a -> assertTrue(a.identical(), a.toString()));
    assertTrue(r.clientRows().isEmpty());
    assertTrue(r.notes().isEmpty(), r.notes().toString());
  }

  @Test
  void concurrentClientsCountModelRunsWithBatchingOffAndOn() throws IOException {
    // Three clients fill a batch of three at once; the long timeout only matters at the end.
    ClientOptions clients =
        new ClientOptions(
            List.of(1, 3),
            Duration.ofMillis(300),
            Duration.ofMillis(50),
            Text2ImageSignature.PNG,
            new BatchingOptions(3, Duration.ofMillis(50), 64));
    ServeBenchmarkResult r =
        run(models, new Options(1, 0, List.of(1), List.of(Text2ImageSignature.PNG), 1, clients));
    assertEquals(2 * 2 * 3, r.clientRows().size());
    for (ClientRow row : r.clientRows()) {
      assertTrue(row.requests() >= row.clients(), row.toString());
      assertTrue(row.latencies().p50Millis() > 0, row.toString());
      assertTrue(row.latencies().p50Millis() <= row.latencies().p99Millis(), row.toString());
      assertTrue(row.imagesPerSecond() > 0, row.toString());
      if (row.batching()) {
        assertTrue(row.runsPerRequest() > 0 && row.runsPerRequest() <= 1, row.toString());
      } else {
        assertEquals(1.0, row.runsPerRequest(), row.toString());
      }
    }
    for (Backend b : Backend.values()) {
      ClientRow joined = r.clientRow(b, true, 3).orElseThrow();
      assertTrue(joined.runsPerRequest() < 0.8, joined.toString());
      double ratio = r.batchingRatio(b, 3);
      assertTrue(ratio > 0 && Double.isFinite(ratio), b + ": " + ratio);
    }
    assertEquals(Text2ImageSignature.PNG, r.clientSignature());
  }

  @Test
  void anExportWithoutThePngSignatureSkipsItsRowsWithNotes() throws IOException {
    ClientOptions clients =
        new ClientOptions(
            List.of(2),
            Duration.ofMillis(100),
            Duration.ZERO,
            Text2ImageSignature.PNG,
            BatchingOptions.defaults());
    ServeBenchmarkResult r = run(oldExport, new Options(1, 0, List.of(1), BOTH, 1, clients));
    assertEquals(3, r.rows().size());
    r.rows().forEach(row -> assertEquals(Text2ImageSignature.FULL, row.signature()));
    assertEquals(Text2ImageSignature.FULL, r.clientSignature());
    assertEquals(6, r.clientRows().size());
    assertEquals(2, r.notes().size(), r.notes().toString());
    assertTrue(r.notes().get(0).contains("signature png is not in"), r.notes().get(0));
    assertTrue(r.format().contains("note        signature png is not in"), r.format());
  }
}
