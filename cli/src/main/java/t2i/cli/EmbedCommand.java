package t2i.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import t2i.data.Dataset;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.embedding.CaptionEncoder;

/** {@code t2i embed}. */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description = {
      "Write the text embedding of every caption of a dataset with a trained joint embedding"
          + " (or a box-generator run's caption encoder, for the layout image generator), for the"
          + " GAN trainers: DATASET/embeddings/NAME/captions.npy (float32 [captions, dim],"
          + " each distinct caption once) and index.json (the rows of each record's captions)."
    })
final class EmbedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "RUN",
      description = "The joint-embedding run, or a box-generator run (`t2i train boxes`).")
  Path run;

  @Mixin DatasetOption data;

  @Option(
      names = "--name",
      description = "Name of the embeddings folder (default: the run's folder name).")
  String name;

  @Option(names = "--force", description = "Replace embeddings of the same name.")
  boolean force;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    Dataset dataset = Dataset.open(data.dir);
    String folderName =
        name != null ? name : run.toAbsolutePath().normalize().getFileName().toString();
    try (CaptionEncoder model = CaptionEncoders.load(run, threads.threads)) {
      Path out =
          CaptionEmbeddings.write(
              model, dataset, folderName, force, new ConsoleProgress(spec.commandLine().getErr()));
      CaptionEmbeddings.Index index = CaptionEmbeddings.read(out).index();
      spec.commandLine()
          .getOut()
          .printf(
              "wrote %s: %d distinct captions x %d, from step %d%n",
              out, index.rows(), index.dim(), index.step());
    }
    return 0;
  }
}
