package t2i.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code t2i demo}: the whole pipeline in one command, within one time budget ({@link Demo}); the
 * command only reads the options and prints what the stages wrote.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the pipeline end to end within --minutes: the emoji dataset (built once), the text"
          + " encoder (12%% of the budget), caption embeddings, GAN-INT-CLS with the cpu preset"
          + " (45%%), the style encoder (8%%); then the layout pipeline on the emoji scenes"
          + " dataset (built once): the box generator (7%%), its caption embeddings, the shape"
          + " generator (6%%) and the layout image generator (10%%); export of all models,"
          + " sample grids for fixed prompts (half from test classes never trained on),"
          + " interpolation, style transfer and scene pictures, evaluations, and report.html.",
      "--no-scenes leaves out the layout pipeline and gives its time to the first three"
          + " trainings. A second run reuses finished stages (--fresh starts over); after Ctrl-C"
          + " the next run resumes the interrupted stage from its checkpoint."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatasetOption data;

  @Option(
      names = "--minutes",
      paramLabel = "M",
      description = "The whole demo's budget (default: ${DEFAULT-VALUE}).",
      defaultValue = "30",
      converter = OptionValues.PositiveDouble.class)
  double minutes;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where the runs, models and pictures go (default: ${DEFAULT-VALUE}).",
      defaultValue = "runs/demo")
  Path out;

  @Option(
      names = "--scenes-data",
      paramLabel = "DIR",
      description =
          "The emoji scenes dataset: reused when built, else built there from the emoji"
              + " packages (default: ${DEFAULT-VALUE}).",
      defaultValue = Locations.DEFAULT_SCENES_DATASET)
  Path scenesData;

  @Option(
      names = "--no-scenes",
      negatable = false,
      description = "Leave out the layout pipeline (text -> boxes -> masks -> image).")
  boolean noScenes;

  @Option(
      names = "--fresh",
      description =
          "Start over: rebuild the emoji dataset and every stage. The scenes dataset is kept:"
              + " other runs may hold caption embeddings in it.")
  boolean fresh;

  /** Tiny networks everywhere: for tests of the pipeline itself. */
  @Option(names = "--tiny", hidden = true)
  boolean tiny;

  @Mixin NpmOption npm;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Demo.Plan plan =
        new Demo.Plan(
            data.dir,
            scenesData,
            !noScenes,
            out,
            minutes,
            fresh,
            tiny,
            npm.executable(),
            threads.threads);
    List<Demo.StageResult> stages = new Demo(plan, o, err).run();
    o.println();
    o.println("The demo wrote:");
    for (Demo.StageResult stage : stages) {
      o.printf(
          Locale.ROOT,
          "  [%d/%d] %s, %s:%n",
          stage.number(),
          Demo.STAGES,
          stage.title(),
          stage.outcome().name().toLowerCase(Locale.ROOT));
      for (Path p : stage.outputs()) {
        o.println("    " + p);
      }
    }
    o.flush();
    return 0;
  }
}
