package t2i.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import t2i.data.io.Json;
import t2i.export.SavedModelInspector;
import t2i.export.SavedModelReport;

/** {@code t2i inspect}. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Check a SavedModel before serving it: reads saved_model.pb alone (no TensorFlow runtime)"
          + " and prints its tags, signatures (inputs, outputs, dtypes, shapes, method names), op"
          + " and variable counts and op types.",
      "Exit 0 when clean; exit 1 with one 't2i: problem:' line on stderr per problem: training"
          + " ops left in the graph (optimizer updates such as ApplyAdam, gradient ops, optimizer"
          + " slot variables), a method name other than tensorflow/serving/predict (or classify,"
          + " regress), no 'serve' tag, no signatures, variables without variables/."
    })
final class InspectCommand implements Callable<Integer> {
  static final int EXIT_PROBLEMS = 1;

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "PATH",
      description =
          "A SavedModel version folder DIR/<model>/<version> (or its saved_model.pb), or a model"
              + " folder DIR/<model>: then its highest numbered version, as TF Serving picks it.")
  Path path;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() {
    SavedModelReport report = SavedModelInspector.inspect(path);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? Json.gson().toJson(report) + "\n" : report.format());
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    report.problems().forEach(p -> err.println("t2i: problem: " + p));
    err.flush();
    return report.clean() ? 0 : EXIT_PROBLEMS;
  }
}
