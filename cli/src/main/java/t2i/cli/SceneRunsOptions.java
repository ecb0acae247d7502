package t2i.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import t2i.training.layout.ScenePipeline;

/** The three runs of the layout pipeline. */
final class SceneRunsOptions {
  @Option(
      names = "--boxes",
      required = true,
      paramLabel = "RUN",
      description = "The box-generator run (`t2i train boxes`).")
  Path boxes;

  @Option(
      names = "--shapes",
      required = true,
      paramLabel = "RUN",
      description = "The shape-generator run (`t2i train shapes`).")
  Path shapes;

  @Option(
      names = "--image",
      required = true,
      paramLabel = "RUN",
      description =
          "The layout image-generator run (`t2i train layout-image`), trained on the box run's"
              + " caption encoding.")
  Path image;

  ScenePipeline.Runs load() {
    return ScenePipeline.Runs.load(boxes, shapes, image);
  }
}
