package t2i.export;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import t2i.data.io.AtomicDirectory;
import t2i.data.io.Json;
import t2i.serving.SignatureInfo;
import t2i.serving.local.LoadedModel;
import t2i.training.Precision;
import t2i.training.Sessions;
import t2i.training.run.PartialRestore;

/**
 * Writes one version of an exported model, {@code <out>/<model>/<version>/}, whole or not at all:
 * the inference graph an export builds, as a SavedModel with tag {@code serve} and its variables
 * restored from the source runs' checkpoints, and the {@link ExportManifest} naming those runs and
 * the signatures.
 */
final class SavedModelWriter {
  /** Builds an export's inference graph; returns the signatures to serve, in manifest order. */
  @FunctionalInterface
  interface GraphBuilder {
    List<Signature> build(Graph g, Ops tf);
  }

  /**
   * The signatures, and the graph's variables by source run (in {@link #from} order): each run
   * restores only its own, so runs may hold other variables of the same names (two trainers'
   * optimizer slots), which a merged checkpoint could not.
   */
  record ScopedGraph(List<Signature> signatures, List<List<Variable<TFloat32>>> variablesByRun) {}

  /** Builds an export's inference graph and says which run's checkpoint holds each variable. */
  @FunctionalInterface
  interface ScopedGraphBuilder {
    ScopedGraph build(Graph g, Ops tf);
  }

  private final String model;
  private final List<SourceRun<?>> runs = new ArrayList<>();
  private final List<ExportManifest.Source> sources = new ArrayList<>();
  private Precision precision = Precision.FLOAT32;
  private final Map<String, byte[]> files = new LinkedHashMap<>();

  SavedModelWriter(String model) {
    this.model = model;
  }

  /** A signature of the method TF Serving's predict API serves. */
  static Signature.Builder predict(String key) {
    return Signature.builder().key(key).methodName(SignatureInfo.PREDICT_METHOD);
  }

  /** The arithmetic the manifest asks {@code t2i serve} to run the model in. */
  SavedModelWriter precision(Precision precision) {
    this.precision = precision;
    return this;
  }

  /** A file written beside {@code saved_model.pb} (labels, for instance). */
  SavedModelWriter withFile(String name, byte[] content) {
    files.put(name, content.clone());
    return this;
  }

  /**
   * Adds a run whose latest checkpoint holds some of the graph's variables (their names must not
   * clash with another run's).
   */
  SavedModelWriter from(SourceRun<?> run) {
    runs.add(run);
    sources.add(run.manifestEntry());
    return this;
  }

  /**
   * Builds the graph, restores its variables and writes the version folder.
   *
   * @param dataset the dataset the runs trained on, for the manifest
   * @param force replace the version folder if it exists
   * @return the version folder
   */
  Path write(Path out, int version, boolean force, String dataset, GraphBuilder graph)
      throws IOException {
    return write(
        out,
        version,
        force,
        dataset,
        (g, tf) -> graph.build(g, tf),
        (session, g) ->
            CheckpointMerge.restore(
                session, runs.stream().map(SourceRun::checkpoint).toList(), out));
  }

  /** As {@link #write(Path, int, boolean, String, GraphBuilder)}, each run restoring its own. */
  Path writeScoped(Path out, int version, boolean force, String dataset, ScopedGraphBuilder graph)
      throws IOException {
    List<PartialRestore> restores = new ArrayList<>();
    return write(
        out,
        version,
        force,
        dataset,
        (g, tf) -> {
          ScopedGraph scoped = graph.build(g, tf);
          checkArgument(
              scoped.variablesByRun().size() == runs.size(),
              "variables of %s runs for %s source runs",
              scoped.variablesByRun().size(),
              runs.size());
          for (int i = 0; i < runs.size(); i++) {
            restores.add(new PartialRestore(tf, scoped.variablesByRun().get(i), "restore_" + i));
          }
          return scoped.signatures();
        },
        (session, g) -> {
          session.initialize();
          for (int i = 0; i < runs.size(); i++) {
            restores.get(i).run(session, runs.get(i).checkpoint());
          }
        });
  }

  @FunctionalInterface
  private interface Restorer {
    void restore(Session session, Graph g) throws IOException;
  }

  private Path write(
      Path out, int version, boolean force, String dataset, GraphBuilder graph, Restorer restorer)
      throws IOException {
    Path target = out.resolve(model).resolve(Integer.toString(version));
    Files.createDirectories(target.getParent());
    try (Graph g = new Graph();
        AtomicDirectory dir = AtomicDirectory.create(target, force, ExportManifest.FILE)) {
      List<Signature> signatures = graph.build(g, Ops.create(g));
      try (Session session = Sessions.create(g, 0)) {
        restorer.restore(session, g);
        SavedModelBundle.exporter(dir.staging().toString())
            .withTags(LoadedModel.TAG)
            .withSession(session)
            .withSignatures(signatures.toArray(new Signature[0]))
            .export();
      }
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Files.write(dir.staging().resolve(f.getKey()), f.getValue());
      }
      Json.write(
          dir.staging().resolve(ExportManifest.FILE),
          new ExportManifest(
              model,
              sources,
              dataset,
              signatures.stream().map(Signature::key).toList(),
              precision));
      dir.commit();
    }
    return target;
  }
}
