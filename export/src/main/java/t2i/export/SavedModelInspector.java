package t2i.export;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import t2i.error.UserException;
import t2i.serving.SignatureInfo;
import t2i.serving.local.LoadedModel;

/**
 * Reads a SavedModel's {@code saved_model.pb} with protobuf-java alone (no TensorFlow runtime) and
 * reports its tags, signatures, op and variable counts and op types, with a problem line for each
 * of:
 *
 * <ul>
 *   <li>training leftovers: optimizer update ops, gradient ops, optimizer slot variables, by the
 *       rule in {@link TrainingOps};
 *   <li>a signature whose method name is not one TF Serving serves ({@value #PREDICT}, {@code
 *       tensorflow/serving/classify}, {@code tensorflow/serving/regress}); keys starting with
 *       {@code __saved_model_} (TF's init op) are internal and exempt;
 *   <li>no meta graph tagged {@value #SERVE}; a {@code serve} meta graph without signatures;
 *   <li>variables in the graph but no {@code variables/variables.index}.
 * </ul>
 *
 * A missing, unreadable or garbled {@code saved_model.pb} is a {@link UserException}, not a
 * problem: there is nothing to report on.
 */
public final class SavedModelInspector {
  public static final String SAVED_MODEL = "saved_model.pb";
  public static final String SERVE = LoadedModel.TAG;
  public static final String PREDICT = SignatureInfo.PREDICT_METHOD;
  public static final Set<String> SERVING_METHODS =
      Set.of(PREDICT, "tensorflow/serving/classify", "tensorflow/serving/regress");
  static final String INTERNAL_SIGNATURE = "__saved_model_";
  private static final String USAGE =
      "pass a SavedModel version folder DIR/<model>/<version> or a model folder DIR/<model>";

  private SavedModelInspector() {}

  /**
   * Inspects a version folder {@code DIR/<model>/<version>}, its {@code saved_model.pb}, or a model
   * folder {@code DIR/<model>} (then its highest numbered version, as TF Serving picks it).
   */
  public static SavedModelReport inspect(Path path) {
    Path file = savedModelFile(path);
    SavedModel model;
    try {
      model = SavedModel.parseFrom(Files.readAllBytes(file));
    } catch (InvalidProtocolBufferException e) {
      throw new UserException(
          "cannot parse " + file + " as a SavedModel (" + e.getMessage() + "): re-export it", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (model.getMetaGraphsCount() == 0) {
      throw new UserException(
          file + " holds no meta graph: it is not a SavedModel, or a truncated one; re-export it");
    }
    Path version = file.getParent() != null ? file.getParent() : file.toAbsolutePath().getParent();
    return report(version, model);
  }

  /** The {@code saved_model.pb} that {@code path} designates. */
  public static Path savedModelFile(Path path) {
    if (Files.isRegularFile(path)) {
      return path;
    }
    if (!Files.isDirectory(path)) {
      throw new UserException("no such file or folder: " + path + "; " + USAGE);
    }
    if (Files.isRegularFile(path.resolve(SAVED_MODEL))) {
      return path.resolve(SAVED_MODEL);
    }
    Path highest =
        highestVersion(path)
            .orElseThrow(
                () ->
                    new UserException(
                        path
                            + " has neither "
                            + SAVED_MODEL
                            + " nor numbered version folders; "
                            + USAGE));
    if (!Files.isRegularFile(highest.resolve(SAVED_MODEL))) {
      throw new UserException(
          highest + " (the highest version in " + path + ") has no " + SAVED_MODEL);
    }
    return highest.resolve(SAVED_MODEL);
  }

  private static Optional<Path> highestVersion(Path modelDir) {
    try (Stream<Path> children = Files.list(modelDir)) {
      return children
          .filter(Files::isDirectory)
          .filter(p -> p.getFileName().toString().matches("\\d{1,18}"))
          .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SavedModelReport report(Path version, SavedModel model) {
    boolean index = Files.isRegularFile(version.resolve("variables").resolve("variables.index"));
    List<SavedModelReport.MetaGraph> graphs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    boolean serve = false;
    for (MetaGraphDef mg : model.getMetaGraphsList()) {
      List<String> tags = mg.getMetaInfoDef().getTagsList();
      String where = model.getMetaGraphsCount() > 1 ? "meta graph " + tags + ": " : "";
      GraphDef graph = mg.getGraphDef();
      List<SavedModelReport.Signature> signatures = signatures(mg.getSignatureDefMap());
      int variables = 0;
      Set<String> opTypes = new TreeSet<>();
      for (NodeDef n : graph.getNodeList()) {
        opTypes.add(n.getOp());
        if (TrainingOps.VARIABLE_OPS.contains(n.getOp())) {
          variables++;
        }
      }
      for (FunctionDef f : graph.getLibrary().getFunctionList()) {
        f.getNodeDefList().forEach(n -> opTypes.add(n.getOp()));
      }
      graphs.add(
          new SavedModelReport.MetaGraph(
              tags,
              signatures,
              graph.getNodeCount(),
              graph.getLibrary().getFunctionCount(),
              variables,
              List.copyOf(opTypes)));
      TrainingOps.problems(graph).forEach(p -> problems.add(where + p));
      for (SavedModelReport.Signature s : signatures) {
        if (!s.key().startsWith(INTERNAL_SIGNATURE) && !SERVING_METHODS.contains(s.methodName())) {
          problems.add(
              where
                  + "signature "
                  + s.key()
                  + " has method name '"
                  + s.methodName()
                  + "': TF Serving needs "
                  + PREDICT
                  + " (or classify, regress)");
        }
      }
      if (tags.contains(SERVE)) {
        serve = true;
        if (signatures.stream().allMatch(s -> s.key().startsWith(INTERNAL_SIGNATURE))) {
          problems.add(where + "the serve meta graph has no signatures: nothing to call");
        }
      }
      if (variables > 0 && !index) {
        problems.add(
            where
                + "the graph has "
                + variables
                + (variables == 1 ? " variable" : " variables")
                + " but variables/variables.index is missing: re-export it");
      }
    }
    if (!serve) {
      problems.add(
          "no meta graph is tagged '"
              + SERVE
              + "' (tags: "
              + graphs.stream().map(g -> g.tags().toString()).toList()
              + "): TF Serving loads that one");
    }
    return new SavedModelReport(version.toString(), index, graphs, problems);
  }

  private static List<SavedModelReport.Signature> signatures(Map<String, SignatureDef> defs) {
    List<SavedModelReport.Signature> out = new ArrayList<>();
    new TreeMap<>(defs)
        .forEach(
            (key, s) ->
                out.add(
                    new SavedModelReport.Signature(
                        key,
                        s.getMethodName(),
                        tensors(s.getInputsMap()),
                        tensors(s.getOutputsMap()))));
    return out;
  }

  private static List<SavedModelReport.Tensor> tensors(Map<String, TensorInfo> infos) {
    List<SavedModelReport.Tensor> out = new ArrayList<>();
    new TreeMap<>(infos)
        .forEach(
            (key, t) ->
                out.add(
                    new SavedModelReport.Tensor(
                        key, tensorName(t), t.getDtype().name(), shape(t.getTensorShape()))));
    return out;
  }

  private static String tensorName(TensorInfo t) {
    return switch (t.getEncodingCase()) {
      case NAME -> t.getName();
      case COO_SPARSE ->
          "sparse(values="
              + t.getCooSparse().getValuesTensorName()
              + ", indices="
              + t.getCooSparse().getIndicesTensorName()
              + ", dense_shape="
              + t.getCooSparse().getDenseShapeTensorName()
              + ")";
      case COMPOSITE_TENSOR -> "composite(" + t.getCompositeTensor().getComponentsCount() + ")";
      case ENCODING_NOT_SET -> "";
    };
  }

  private static List<Long> shape(TensorShapeProto shape) {
    if (shape.getUnknownRank()) {
      return null;
    }
    return shape.getDimList().stream().map(TensorShapeProto.Dim::getSize).toList();
  }
}
