package t2i.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import t2i.cli.CliRun;
import t2i.cli.Main;
import t2i.serving.ModelSpec;
import t2i.serving.ModelVersionStatus;
import t2i.serving.grpc.GrpcClient;
import t2i.serving.grpc.GrpcModelServer;
import t2i.serving.local.ModelRepository;
import t2i.serving.rest.RestClient;
import t2i.serving.server.ModelServer;
import t2i.serving.server.ServerOptions;
import t2i.serving.testing.StandInModels;

/** {@code t2i generate} over both backends and {@code t2i serve}, through the command line. */
class ServingCommandsTest {
  @TempDir static Path dir;
  static Path models;
  static ModelRepository repository;
  static ModelServer server;
  static GrpcModelServer grpc;

  static CliRun t2i(String... args) {
    return CliRun.of(args);
  }

  @BeforeAll
  static void models() throws IOException {
    models = dir.resolve("export");
    StandInModels.text2image(models, 1);
    repository = ModelRepository.load(models);
    server = ModelServer.start(repository, ServerOptions.defaults().withPort(0));
    grpc = GrpcModelServer.start(repository, ServerOptions.defaults().withPort(0));
  }

  @AfterAll
  static void stop() {
    server.close();
    grpc.close();
    repository.close();
  }

  static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  @Test
  void generateWritesTheSameGridInProcessAndOverRestAndGrpc() throws IOException {
    Path local = dir.resolve("local/grid.png");
    CliRun a =
        t2i(
            "generate",
            "a red rose",
            "--n",
            "4",
            "--seed",
            "7",
            "--out",
            local.toString(),
            "--model",
            models.toString());
    assertEquals(0, a.exit(), a.err());
    assertTrue(a.out().contains("seeds 7, 8, 9, 10"), a.out());
    Path remote = dir.resolve("remote.png");
    CliRun b =
        t2i(
            "generate",
            "a red rose",
            "--n",
            "4",
            "--seed",
            "7",
            "--out",
            remote.toString(),
            "--server",
            server.baseUri().toString());
    assertEquals(0, b.exit(), b.err());
    Path overGrpc = dir.resolve("grpc.png");
    CliRun c =
        t2i(
            "generate",
            "a red rose",
            "--n",
            "4",
            "--seed",
            "7",
            "--out",
            overGrpc.toString(),
            "--server",
            "grpc://" + grpc.target());
    assertEquals(0, c.exit(), c.err());
    BufferedImage x = ImageIO.read(local.toFile());
    BufferedImage y = ImageIO.read(remote.toFile());
    assertEquals(128, x.getWidth()); // 2 x 2 images of 64 x 64
    assertEquals(128, x.getHeight());
    assertArrayEquals(pixels(x), pixels(y));
    assertArrayEquals(pixels(x), pixels(ImageIO.read(overGrpc.toFile())));
  }

  @Test
  void gridSizeFollowsN() throws IOException {
    Path five = dir.resolve("five.png");
    CliRun r =
        t2i("generate", "x", "--n", "5", "--out", five.toString(), "--model", models.toString());
    assertEquals(0, r.exit(), r.err());
    BufferedImage image = ImageIO.read(five.toFile());
    assertEquals(3 * 64, image.getWidth());
    assertEquals(2 * 64, image.getHeight());
  }

  @Test
  void userMistakesAreOneLineErrors() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String out = dir.resolve("never.png").toString();
    String[][] cases = {
      {"generate", "x", "--out", out, "--server", "http://127.0.0.1:" + closedPort},
      {"generate", "x", "--out", out, "--model", dir.resolve("missing").toString()},
      {"generate", "x", "--out", out, "--model", models.toString(), "--model-name", "nope"},
      {
        "generate",
        "x",
        "--out",
        out,
        "--server",
        server.baseUri().toString(),
        "--model-name",
        "nope"
      },
      {"serve", "--models", dir.resolve("missing").toString()},
      {"generate", "x", "--out", out, "--server", "grpc://127.0.0.1:" + closedPort},
      {"generate", "x", "--out", out, "--server", "ftp://127.0.0.1:" + closedPort},
      {
        "generate", "x", "--out", out, "--server", "grpc://" + grpc.target(), "--model-name", "nope"
      },
    };
    for (String[] args : cases) {
      CliRun r = t2i(args);
      assertEquals(1, r.exit(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.err().startsWith("t2i: error: "), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
    assertTrue(t2i(cases[0]).err().contains("cannot connect to http://127.0.0.1:" + closedPort));
    assertTrue(
        t2i(cases[3]).err().contains("answered 404: Servable not found for request: Latest(nope)"));
    assertTrue(t2i(cases[5]).err().contains("no answer"), t2i(cases[5]).err());
    assertTrue(t2i(cases[6]).err().contains("grpc://HOST:PORT"), t2i(cases[6]).err());
    assertTrue(
        t2i(cases[7]).err().contains("answered 404: Servable not found for request: Latest(nope)"),
        t2i(cases[7]).err());
    // Usage errors, found while parsing: the error and where the help is, exit code 2.
    for (String[] args :
        new String[][] {
          {"generate", "x", "--out", out, "--model", models.toString(), "--n", "0"},
        }) {
      CliRun r = t2i(args);
      assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.err().startsWith("t2i: error: "), r.err());
      assertTrue(r.err().strip().endsWith("Run `t2i generate --help` for its options."), r.err());
    }
  }

  @Test
  void withNoModelNamedGenerateAndServeUseTheBundledOne() throws IOException {
    Path named = dir.resolve("named.png");
    Path bundled = dir.resolve("bundled.png");
    Path emptyHome = dir.resolve("clone-without-models");
    Path home = dir.resolve("clone");
    StandInModels.text2image(home.resolve("models"), 1);
    String previous = System.getProperty("t2i.home");
    try {
      System.setProperty("t2i.home", emptyHome.toString());
      for (String[] args :
          new String[][] {{"generate", "x", "--out", bundled.toString()}, {"serve"}}) {
        CliRun r = t2i(args);
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(emptyHome.resolve("models").toString()), r.err());
        assertTrue(r.err().contains("--model"), r.err());
      }
      System.setProperty("t2i.home", home.toString());
      CliRun b = t2i("generate", "a red rose", "--seed", "3", "--out", bundled.toString());
      assertEquals(0, b.exit(), b.err());
    } finally {
      if (previous == null) {
        System.clearProperty("t2i.home");
      } else {
        System.setProperty("t2i.home", previous);
      }
    }
    CliRun a =
        t2i(
            "generate",
            "a red rose",
            "--seed",
            "3",
            "--out",
            named.toString(),
            "--model",
            home.resolve("models").toString());
    assertEquals(0, a.exit(), a.err());
    assertArrayEquals(pixels(ImageIO.read(named.toFile())), pixels(ImageIO.read(bundled.toFile())));
  }

  @Test
  void helpDescribesTheOptions() {
    CliRun serve = t2i("serve", "--help");
    assertEquals(0, serve.exit());
    for (String option :
        new String[] {
          "--models",
          "--port",
          "--host",
          "--workers",
          "--max-body-mb",
          "--timeout-seconds",
          "--client-timeout-seconds",
          "--max-connections",
          "--grpc-port",
          "--no-grpc",
          "--batching",
          "--max-batch-size",
          "--batch-timeout-ms",
          "--max-enqueued-batches"
        }) {
      assertTrue(serve.out().contains(option), serve.out());
    }
    CliRun generate = t2i("generate", "--help");
    assertEquals(0, generate.exit());
    for (String option : new String[] {"--n", "--seed", "--out", "--model", "--server"}) {
      assertTrue(generate.out().contains(option), generate.out());
    }
  }

  @Test
  void serveAnswersUntilStopped() throws Exception {
    CommandLine cli = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    FutureTask<Integer> exit =
        new FutureTask<>(
            () ->
                cli.execute(
                    "serve",
                    "--models",
                    models.toString(),
                    "--port",
                    "0",
                    "--grpc-port",
                    "0",
                    "--workers",
                    "2",
                    "--batching"));
    Thread thread = new Thread(exit, "t2i-serve-test");
    thread.start();
    Matcher url = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)/v1/models/").matcher("");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!url.reset(out.toString()).find()) {
      assertFalse(exit.isDone(), "serve ended: " + err);
      assertTrue(System.nanoTime() < deadline, "no URL printed: " + out);
      Thread.sleep(50);
    }
    assertTrue(out.toString().contains("text2image versions [1]"), out.toString());
    Matcher target = Pattern.compile("gRPC at (127\\.0\\.0\\.1:\\d+)").matcher(out.toString());
    assertTrue(target.find(), out.toString());
    try (GrpcClient client = GrpcClient.connect(target.group(1))) {
      assertEquals(
          List.of(new ModelVersionStatus(1, "AVAILABLE")),
          client.status(ModelSpec.latest("text2image")));
    }
    try (RestClient client = RestClient.connect(URI.create(url.group(1)))) {
      assertEquals(
          List.of(new ModelVersionStatus(1, "AVAILABLE")),
          client.status(ModelSpec.latest("text2image")));
    }
    thread.interrupt(); // as Ctrl-C's shutdown hook does, wake the command
    assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString());
    assertTrue(out.toString().endsWith("stopped" + System.lineSeparator()), out.toString());
  }
}
