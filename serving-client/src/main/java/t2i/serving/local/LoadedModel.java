package t2i.serving.local;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFFailedPreconditionException;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.exceptions.TFPermissionDeniedException;
import org.tensorflow.exceptions.TFResourceExhaustedException;
import org.tensorflow.exceptions.TFUnauthenticatedException;
import org.tensorflow.exceptions.TFUnimplementedException;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.proto.RunOptions;
import t2i.serving.DType;
import t2i.serving.ModelMetadata;
import t2i.serving.ServingException;
import t2i.serving.SignatureInfo;
import t2i.serving.TensorSpec;
import t2i.serving.TensorValue;

/**
 * One SavedModel version loaded with tag {@code serve}. {@link #predict} checks the inputs against
 * the signature (names, dtypes, shapes) and runs the session, which is thread-safe; errors are
 * {@link ServingException}s with the HTTP status TF Serving maps the TensorFlow status to.
 */
public final class LoadedModel implements AutoCloseable {
  private final AtomicLong runs = new AtomicLong();
  public static final String TAG = "serve";

  /**
   * The file {@code t2i export} writes beside the SavedModel; its {@code precision} ({@code
   * bfloat16}) asks for TF's oneDNN bfloat16 rewrite, which TF Serving and Python turn on in their
   * own session configuration.
   */
  public static final String EXPORT_MANIFEST = "t2i-export.json";

  private final String name;
  private final long version;
  private final Path dir;
  private final SavedModelBundle bundle;
  private final ModelMetadata metadata;

  private LoadedModel(String name, long version, Path dir, SavedModelBundle bundle) {
    this.name = name;
    this.version = version;
    this.dir = dir;
    this.bundle = bundle;
    this.metadata =
        new ModelMetadata(
            name, version, Signatures.from(bundle.metaGraphDef().getSignatureDefMap()));
  }

  /** Loads {@code dir} (a version folder holding {@code saved_model.pb}). */
  public static LoadedModel load(String name, long version, Path dir) {
    return load(name, version, dir, 0);
  }

  /**
   * Loads {@code dir} with a session of {@code threads} intra-op threads (and one inter-op thread);
   * 0 keeps TensorFlow's defaults (a thread per core in each pool). A model exported for bfloat16
   * gets TF's oneDNN bfloat16 rewrite (ignored by TF on CPUs without bfloat16).
   */
  public static LoadedModel load(String name, long version, Path dir, int threads) {
    checkArgument(
        threads >= 0, "threads must be >= 0 (0 for TensorFlow's default), was %s", threads);
    SavedModelBundle.Loader loader = SavedModelBundle.loader(dir.toString()).withTags(TAG);
    boolean bfloat16 = "bfloat16".equals(exportedPrecision(dir));
    if (threads > 0 || bfloat16) {
      ConfigProto.Builder config = ConfigProto.newBuilder();
      if (threads > 0) {
        config.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(1);
      }
      if (bfloat16) {
        config.setGraphOptions(
            GraphOptions.newBuilder()
                .setRewriteOptions(
                    RewriterConfig.newBuilder()
                        .setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON)
                        // The remapper fails on these graphs, and when it does the bfloat16
                        // rewrite does not take effect either.
                        .setRemapping(RewriterConfig.Toggle.OFF)));
      }
      loader = loader.withConfigProto(config.build());
    }
    return new LoadedModel(name, version, dir, loader.load());
  }

  /** The {@code precision} of the export manifest in {@code dir}, or null without one. */
  static String exportedPrecision(Path dir) {
    Path manifest = dir.resolve(EXPORT_MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      return null;
    }
    try {
      JsonElement precision =
          JsonParser.parseString(Files.readString(manifest)).getAsJsonObject().get("precision");
      return precision == null || precision.isJsonNull() ? null : precision.getAsString();
    } catch (IOException | RuntimeException e) {
      throw new ServingException(500, "cannot read " + manifest + ": " + e.getMessage(), e);
    }
  }

  public String name() {
    return name;
  }

  public long version() {
    return version;
  }

  public Path dir() {
    return dir;
  }

  public ModelMetadata metadata() {
    return metadata;
  }

  /** Session runs so far (how many model calls batching saved shows here). */
  public long runCount() {
    return runs.get();
  }

  /**
   * Runs a signature.
   *
   * @param timeout the session's deadline ({@code RunOptions.timeout_in_ms}, as TF Serving's {@code
   *     --rest_api_timeout_in_ms}); zero or null for none
   */
  public Map<String, TensorValue> predict(
      String signatureName, Map<String, TensorValue> inputs, Duration timeout) {
    return predict(signatureName, inputs, List.of(), timeout);
  }

  /**
   * Runs a signature for some of its outputs (TF Serving's {@code output_filter}).
   *
   * @param outputFilter the outputs to compute, by name; empty for all of them
   * @param timeout as in {@link #predict(String, Map, Duration)}
   */
  public Map<String, TensorValue> predict(
      String signatureName,
      Map<String, TensorValue> inputs,
      Collection<String> outputFilter,
      Duration timeout) {
    SignatureInfo signature = metadata.signature(signatureName);
    checkInputs(signature, inputs);
    List<String> aliases = outputs(signature, outputFilter);
    Session.Runner runner = bundle.session().runner();
    List<Tensor> fed = new ArrayList<>();
    long start = System.nanoTime();
    try {
      for (Map.Entry<String, TensorSpec> in : signature.inputs().entrySet()) {
        Tensor t = TfTensors.toTensor(inputs.get(in.getKey()));
        fed.add(t);
        runner.feed(in.getValue().tensorName(), t);
      }
      for (String alias : aliases) {
        runner.fetch(signature.outputs().get(alias).tensorName());
      }
      if (timeout != null && !timeout.isZero()) {
        runner.setOptions(
            RunOptions.newBuilder().setTimeoutInMs(Math.max(1, timeout.toMillis())).build());
      }
      runs.incrementAndGet();
      try (Result result = runner.run()) {
        Map<String, TensorValue> out = new LinkedHashMap<>();
        for (int i = 0; i < aliases.size(); i++) {
          out.put(aliases.get(i), TfTensors.fromTensor(result.get(i)));
        }
        return out;
      }
    } catch (TensorFlowException | TFInvalidArgumentException | TFUnimplementedException e) {
      throw translate(e, timeout, System.nanoTime() - start);
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  /** The outputs to fetch, in the signature's order; TF Serving's message for an unknown one. */
  private static List<String> outputs(SignatureInfo signature, Collection<String> filter) {
    if (filter.isEmpty()) {
      return List.copyOf(signature.outputs().keySet());
    }
    for (String alias : filter) {
      if (!signature.outputs().containsKey(alias)) {
        throw ServingException.badRequest(
            "output tensor alias not found in signature: "
                + alias
                + " Outputs expected to be in the set "
                + braces(signature.outputs().keySet())
                + ".");
      }
    }
    return signature.outputs().keySet().stream().filter(filter::contains).toList();
  }

  /**
   * Checks a request's inputs against a signature as {@link #predict} does first: names as TF
   * Serving's predict_util.cc, then dtypes and shapes; a 400 {@link ServingException} if they do
   * not fit.
   */
  public static void checkInputs(SignatureInfo signature, Map<String, TensorValue> inputs) {
    Set<String> expected = signature.inputs().keySet();
    if (!inputs.keySet().equals(expected)) {
      Set<String> sent = new TreeSet<>(inputs.keySet());
      Set<String> extra = new TreeSet<>(sent);
      extra.removeAll(expected);
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(sent);
      throw ServingException.badRequest(
          "input size does not match signature: "
              + sent.size()
              + "!="
              + expected.size()
              + " len("
              + braces(sent)
              + ") != len("
              + braces(expected)
              + "). Sent extra: "
              + braces(extra)
              + ". Missing but required: "
              + braces(missing)
              + ".");
    }
    for (Map.Entry<String, TensorSpec> e : signature.inputs().entrySet()) {
      TensorSpec spec = e.getValue();
      TensorValue value = inputs.get(e.getKey());
      DType type =
          spec.type()
              .orElseThrow(
                  () ->
                      new ServingException(
                          501, "input " + e.getKey() + " has unsupported dtype " + spec.dtype()));
      if (value.dtype() != type) {
        throw ServingException.badRequest(
            "input "
                + e.getKey()
                + " expects dtype "
                + spec.dtype()
                + " but got "
                + value.dtype().protoName());
      }
      if (!spec.accepts(value.shape())) {
        throw ServingException.badRequest(
            "input "
                + e.getKey()
                + " expects shape "
                + spec.shapeString()
                + " but got "
                + TensorSpec.shapeString(value.shape()));
      }
    }
  }

  private static String braces(Set<String> names) {
    return "{" + String.join(",", names) + "}";
  }

  /** TensorFlow's status codes as HTTP statuses, as in TF Serving's http_server.cc. */
  static ServingException translate(RuntimeException e, Duration timeout, long elapsedNanos) {
    int status;
    if (e instanceof TFInvalidArgumentException
        || e instanceof TFFailedPreconditionException
        || e instanceof TFOutOfRangeException) {
      status = 400;
    } else if (e instanceof TFResourceExhaustedException) {
      status = 429;
    } else if (e instanceof TFUnimplementedException) {
      status = 501;
    } else if (e instanceof TFPermissionDeniedException) {
      status = 403;
    } else if (e instanceof TFUnauthenticatedException) {
      status = 401;
    } else if (timeout != null && !timeout.isZero() && elapsedNanos >= timeout.toNanos()) {
      // TF Java has no exception class for DEADLINE_EXCEEDED.
      status = 504;
    } else {
      status = 500;
    }
    return new ServingException(status, firstLine(e.getMessage()), e);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "TensorFlow error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  @Override
  public void close() {
    bundle.close();
  }

  @Override
  public String toString() {
    return name + " version " + version + " (" + dir + ")";
  }
}
