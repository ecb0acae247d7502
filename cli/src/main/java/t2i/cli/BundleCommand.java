package t2i.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import t2i.error.UserException;
import t2i.export.BundleManifest;

/** {@code t2i bundle}: the manifest of a model folder kept in the repository. */
@Command(
    name = "bundle",
    mixinStandardHelpOptions = true,
    description = {
      "Write DIR/manifest.json for an export folder meant to be committed (the bundled models"
          + " under models/): every file's size and SHA-256. A bundle may hold at most 80 MB.",
      "--check compares the folder with its manifest instead, and names every missing, changed"
          + " or unlisted file."
    })
final class BundleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "DIR",
      arity = "0..1",
      description = "The folder (default: the bundled models, models/ in the repository).")
  Path dir;

  @Option(names = "--check", description = "Compare with the saved manifest; write nothing.")
  boolean check;

  @Override
  public Integer call() throws Exception {
    Path folder = dir != null ? dir : BundledModels.folder();
    if (!Files.isDirectory(folder)) {
      throw new UserException("no such folder: " + folder);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (check) {
      List<String> differences = BundleManifest.differences(folder);
      if (!differences.isEmpty()) {
        throw new UserException(
            folder + " does not match its manifest: " + String.join("; ", differences));
      }
      out.printf("%s matches its manifest%n", folder);
      return 0;
    }
    BundleManifest m = BundleManifest.write(folder);
    out.printf(
        "wrote %s: %d files, %.1f MB%n",
        folder.resolve(BundleManifest.FILE), m.files().size(), m.totalBytes() / 1048576.0);
    return 0;
  }
}
