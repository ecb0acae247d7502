package t2i.serving.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.serving.ModelSpec;
import t2i.serving.ServingException;
import t2i.serving.TensorValue;
import t2i.serving.local.LoadedModel;
import t2i.serving.local.ModelRepository;
import t2i.serving.testing.StandInModels;

/** Batching joins concurrent requests into fewer model runs and gives each request its own rows. */
class BatchSchedulerTest {
  @TempDir static Path dir;
  static ModelRepository models;
  static LoadedModel t2i;
  static LoadedModel echo;

  @BeforeAll
  static void load() {
    StandInModels.text2image(dir, 1);
    StandInModels.echo(dir);
    models = ModelRepository.load(dir);
    t2i = models.find(ModelSpec.latest("text2image"));
    echo = models.find(ModelSpec.latest(StandInModels.ECHO));
  }

  @AfterAll
  static void close() {
    models.close();
  }

  static Map<String, TensorValue> request(int i, int rows) {
    List<String> texts = new ArrayList<>();
    long[] seeds = new long[rows];
    for (int r = 0; r < rows; r++) {
      texts.add("text " + i + "." + r);
      seeds[r] = 100L * i + r;
    }
    return Map.of(
        "text", TensorValue.ofStrings(texts, rows), "seed", TensorValue.ofLongs(seeds, rows));
  }

  /** Runs {@code requests} at once (released together) and returns their answers in order. */
  static List<Future<Map<String, TensorValue>>> concurrently(
      BatchScheduler batches,
      LoadedModel model,
      String signature,
      List<Map<String, TensorValue>> requests)
      throws InterruptedException {
    ExecutorService clients = Executors.newFixedThreadPool(requests.size());
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Map<String, TensorValue>>> answers = new ArrayList<>();
    for (Map<String, TensorValue> r : requests) {
      answers.add(
          clients.submit(
              () -> {
                go.await();
                return batches.predict(model, signature, r, List.of(), Duration.ZERO);
              }));
    }
    go.countDown();
    clients.shutdown();
    return answers;
  }

  @Test
  void concurrentRequestsShareModelRunsAndGetTheirOwnRows() throws Exception {
    // Sizes 1, 2, 3, 1, 2, 3, ... : 12 requests, 24 rows, batches of at most 8 rows.
    List<Map<String, TensorValue>> requests = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      requests.add(request(i, 1 + i % 3));
    }
    List<Map<String, TensorValue>> expected = new ArrayList<>();
    for (Map<String, TensorValue> r : requests) {
      expected.add(t2i.predict(null, r, Duration.ZERO));
    }
    BatchScheduler batches =
        new BatchScheduler(new BatchingOptions(8, Duration.ofMillis(300), 64), 2);
    try {
      long before = t2i.runCount();
      List<Future<Map<String, TensorValue>>> answers = concurrently(batches, t2i, "", requests);
      for (int i = 0; i < requests.size(); i++) {
        assertEquals(expected.get(i), answers.get(i).get(), "request " + i);
      }
      long runs = t2i.runCount() - before;
      // 24 rows need at least 3 runs of 8; requests that do not fit close a batch early.
      assertTrue(runs >= 3 && runs <= 8, runs + " model runs for 12 requests");
    } finally {
      batches.close();
    }
  }

  @Test
  void aBadRequestFailsAloneAndALargeOneRunsAlone() throws Exception {
    BatchScheduler batches =
        new BatchScheduler(new BatchingOptions(4, Duration.ofMillis(100), 64), 1);
    try {
      Map<String, TensorValue> bad =
          Map.of("text", TensorValue.strings("a"), "seed", TensorValue.floats(1));
      ServingException e =
          assertThrows(
              ServingException.class,
              () -> batches.predict(t2i, null, bad, List.of(), Duration.ZERO));
      assertEquals(400, e.httpStatus());
      Map<String, TensorValue> large = request(7, 10);
      long before = t2i.runCount();
      assertEquals(
          t2i.predict(null, large, Duration.ZERO),
          batches.predict(t2i, null, large, List.of(), Duration.ZERO));
      assertEquals(2, t2i.runCount() - before, "the large request ran once, unsplit");
    } finally {
      batches.close();
    }
  }

  @Test
  void aFullQueueRefusesWith503() throws Exception {
    // One batch thread, batches of one image, one batch allowed to wait: of 32 requests released
    // at once, one runs, one waits, and those that arrive meanwhile are refused.
    BatchScheduler batches = new BatchScheduler(new BatchingOptions(1, Duration.ZERO, 1), 1);
    try {
      List<Map<String, TensorValue>> requests = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        requests.add(request(i, 1));
      }
      int refused = 0;
      int answered = 0;
      List<Future<Map<String, TensorValue>>> answers = concurrently(batches, t2i, "", requests);
      for (int i = 0; i < answers.size(); i++) {
        try {
          assertEquals(t2i.predict(null, requests.get(i), Duration.ZERO), answers.get(i).get());
          answered++;
        } catch (java.util.concurrent.ExecutionException x) {
          ServingException s = (ServingException) x.getCause();
          assertEquals(503, s.httpStatus());
          assertTrue(s.getMessage().contains("queue"), s.getMessage());
          refused++;
        }
      }
      assertTrue(refused > 0 && answered >= 1, refused + " refused, " + answered + " answered");
    } finally {
      batches.close();
    }
  }

  @Test
  void signaturesWithoutAFreeFirstDimensionAreNotJoined() {
    var slow = echo.metadata().signature("slow");
    assertEquals(-1, BatchScheduler.rows(slow, Map.of("n", TensorValue.ofFloats(new float[] {1}))));
    var t2iSignature = t2i.metadata().signature(null);
    assertEquals(3, BatchScheduler.rows(t2iSignature, request(0, 3)));
  }
}
