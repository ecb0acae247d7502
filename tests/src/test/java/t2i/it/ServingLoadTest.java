package t2i.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import t2i.serving.GeneratedImage;
import t2i.serving.PredictClient;
import t2i.serving.Text2ImageClient;
import t2i.serving.grpc.GrpcClient;
import t2i.serving.grpc.GrpcModelServer;
import t2i.serving.local.InProcessClient;
import t2i.serving.local.ModelRepository;
import t2i.serving.rest.RequestFormat;
import t2i.serving.rest.RestClient;
import t2i.serving.server.BatchingOptions;
import t2i.serving.server.ModelServer;
import t2i.serving.server.ServerOptions;
import t2i.serving.testing.StandInModels;

/**
 * 8 concurrent clients x 200 requests on loopback, over REST, gRPC, and gRPC with batching: no
 * errors, the same image for the same seed.
 */
class ServingLoadTest {
  enum Transport {
    REST,
    GRPC,
    GRPC_BATCHING
  }

  static final int CLIENTS = 8;
  static final int REQUESTS = 200;
  static final List<String> TEXTS = List.of("a red rose", "日本語 🌹", "");
  static final int SEEDS = 10;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Transport.class)
  void concurrentClientsGetIdenticalOutputsForIdenticalSeeds(Transport transport) throws Exception {
    StandInModels.text2image(dir, 1);
    ServerOptions options = ServerOptions.defaults().withPort(0).withWorkers(4);
    if (transport == Transport.GRPC_BATCHING) {
      options = options.withBatching(BatchingOptions.defaults());
    }
    try (ModelRepository models = ModelRepository.load(dir);
        ModelServer server = ModelServer.start(models, options);
        GrpcModelServer grpc = GrpcModelServer.start(models, options)) {
      // The answers in process, for every (text, seed) the clients will ask for.
      Map<String, GeneratedImage> expected = new ConcurrentHashMap<>();
      Text2ImageClient local = Text2ImageClient.builder(InProcessClient.over(models)).build();
      for (String text : TEXTS) {
        for (long seed = 0; seed < SEEDS; seed++) {
          expected.put(text + "/" + seed, local.generate(List.of(text), List.of(seed)).get(0));
        }
      }
      AtomicInteger done = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> clients = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(
            pool.submit(
                () -> {
                  RequestFormat format = RequestFormat.values()[client % 2];
                  try (PredictClient remote =
                      transport == Transport.REST
                          ? RestClient.builder(server.baseUri()).format(format).build()
                          : GrpcClient.connect(grpc.target())) {
                    Text2ImageClient t2i = Text2ImageClient.builder(remote).build();
                    for (int i = 0; i < REQUESTS; i++) {
                      String text = TEXTS.get((client + i) % TEXTS.size());
                      long seed = (client * 7L + i) % SEEDS;
                      GeneratedImage got = t2i.generate(List.of(text), List.of(seed)).get(0);
                      GeneratedImage want = expected.get(text + "/" + seed);
                      assertArrayEquals(want.pixels(), got.pixels(), text + "/" + seed);
                      assertArrayEquals(want.png(), got.png(), text + "/" + seed);
                      done.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : clients) {
        f.get(); // rethrows the first failure of that client
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals(CLIENTS * REQUESTS, done.get());
      System.out.printf(
          "ServingLoadTest %s: %d requests in %.1f s (%.0f/s)%n",
          transport, done.get(), seconds, done.get() / seconds);
      assertTrue(server.port() > 0);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
